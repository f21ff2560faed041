import { describe } from 'vitest';
import { runDirectoryStoreContract } from '../testing/directory-contract.js';
import { runDirectoryFeedContract } from '../testing/directory-feed-contract.js';
import { testEngines } from '../testing/index.js';

describe.skipIf(!testEngines().includes('sqlite'))(
  'SQLite directory store (deselected by SCIMSYNC_TEST_DB)',
  () => {
    runDirectoryStoreContract('sqlite');
    runDirectoryFeedContract('sqlite');
  },
);
