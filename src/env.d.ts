/// <reference types="astro/client" />

interface ImportMetaEnv {
  /** True only in test builds (PD_TEST_HOOKS=1): fault-injection hooks are honoured. */
  readonly PD_TEST_HOOKS: boolean;
}
