/**
 * The tests start firedrill with this process's environment, and assert what it prints. A build
 * machine's own variables would change that output (FORCE_COLOR colours it, GITHUB_ACTIONS adds
 * annotations, GITHUB_STEP_SUMMARY receives a copy of reports), so they are removed here; a test
 * about one of them sets it on the command it starts.
 */
for (const name of ['FORCE_COLOR', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'INK_SCREEN_READER', 'COLUMNS']) delete process.env[name];
