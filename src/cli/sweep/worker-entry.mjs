// A worker thread starts with no TypeScript loader: register one, then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
