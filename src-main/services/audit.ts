import { readAnchors } from '../store/anchors.ts';
import { verifyEventChainInTurns, type ChainVerdict } from '../store/audit.ts';
import type { ServiceContext } from './context.ts';

/**
 * The event log's hash chain as the supervisor's console shows it: the same verdict as
 * `loket audit verify`, against the anchors the hub wrote, read from the hub's own database a
 * page at a time so the floor's requests go on meanwhile.
 */
export async function auditVerify(ctx: ServiceContext): Promise<ChainVerdict & { checkedAt: number }> {
  const checkedAt = ctx.clock.now();
  const { anchors, unreadable } = ctx.anchorsFile
    ? readAnchors(ctx.anchorsFile)
    : { anchors: [], unreadable: 0 };
  const verdict = await verifyEventChainInTurns(ctx.store.db, { anchors, unreadableAnchors: unreadable });
  return { ...verdict, checkedAt };
}
