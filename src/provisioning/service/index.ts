export {
  ProvisioningService,
  type ConfigureInput,
  type JobView,
  type ProvisioningServiceOptions,
  type SyncOptions,
} from './provisioning-service.js';
