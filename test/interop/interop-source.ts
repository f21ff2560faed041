/** The engine's side of an interop test: a fresh store, its directory and a provisioning service. */
import { DirectoryService } from '../../src/directory/index.js';
import { ProvisioningService, SecretBox } from '../../src/provisioning/index.js';
import { openTestStore, type TestEngine, type TestStore } from '../../src/store/testing/index.js';

export interface InteropSource {
  readonly source: TestStore;
  readonly directory: DirectoryService;
  readonly provisioning: ProvisioningService;
}

export async function openInteropSource(engine: TestEngine): Promise<InteropSource> {
  const source = await openTestStore(engine);
  return {
    source,
    directory: new DirectoryService(source.store),
    // Quick retries: a third-party server's transient failures must not slow the suite.
    provisioning: new ProvisioningService(
      source.store,
      SecretBox.fromText(SecretBox.generateKeyText(), 'test'),
      {
        client: { retryBaseMs: 5 },
      },
    ),
  };
}
