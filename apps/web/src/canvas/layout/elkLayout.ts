import ELK from 'elkjs/lib/elk.bundled.js';
import type { XY } from '../../shared/geometry';
import type { PlacedBlock } from '../buildFlowGraph';
import { BLOCK_GAP_X, BLOCK_GAP_Y, GRID } from './metrics';

const elk = new ELK();

const snap = (v: number) => Math.round(v / GRID) * GRID;

/**
 * Auto-layout with elkjs: each block keeps its pattern's own nested layout (its size comes from
 * the steps inside it), and ELK's layered algorithm places the blocks along their `needs`, top
 * to bottom, keeping crossings low.
 */
export async function elkBlockPositions(
  blocks: ReadonlyMap<string, PlacedBlock>,
  needs: readonly { from: string; to: string }[],
): Promise<Record<string, XY>> {
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': String(BLOCK_GAP_X),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(BLOCK_GAP_Y),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: [...blocks.values()].map((block) => ({
      id: block.stageId,
      width: block.width,
      height: block.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_SIDE' },
      ports: [
        { id: `${block.stageId}:in`, layoutOptions: { 'elk.port.side': 'NORTH' } },
        { id: `${block.stageId}:out`, layoutOptions: { 'elk.port.side': 'SOUTH' } },
      ],
    })),
    edges: needs
      .filter((e) => blocks.has(e.from) && blocks.has(e.to))
      .map((e, i) => ({ id: `e${i}`, sources: [`${e.from}:out`], targets: [`${e.to}:in`] })),
  });
  const out: Record<string, XY> = {};
  for (const child of graph.children ?? []) out[child.id] = { x: snap(child.x ?? 0), y: snap(child.y ?? 0) };
  return out;
}
