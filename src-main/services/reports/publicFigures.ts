import type { PublicFiguresView } from '../../api/reportViews.ts';
import type { ServiceContext } from '../context.ts';
import { notBuilt } from './notBuilt.ts';

/** The last days' aggregate waits and promises kept: what the board, /public and the notice board show. */
export function publicFigures(
  _ctx: ServiceContext,
  _input: { days?: number | undefined },
): PublicFiguresView {
  throw notBuilt('publik');
}
