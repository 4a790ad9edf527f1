import { app } from 'electron';
import { launch } from './main.ts';

launch().catch((error: unknown) => {
  console.error('Loket could not start:', error);
  app.exit(1);
});
