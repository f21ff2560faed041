/**
 * A tenant's SCIM base URL, `{public origin}/scim/directory/{tenantId}` (the Atlassian shape).
 * @example tenantScimBaseUrl('https://scim.example.com/', 't1') // 'https://scim.example.com/scim/directory/t1'
 */
export function tenantScimBaseUrl(publicUrl: string, tenantId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${tenantScimPath(tenantId)}`;
}

/** The path part of a tenant's SCIM base URL. */
export function tenantScimPath(tenantId: string): string {
  return `/scim/directory/${encodeURIComponent(tenantId)}`;
}
