// A quota planner's worker thread: tsx's loader is registered per thread, so it is registered here
// (as bin/loket.js does for the main thread) before the TypeScript worker is loaded.
import { register } from 'tsx/esm/api';

register();
await import('./quotaPlannerWorker.ts');
