import type { Node, NodeProps } from '@xyflow/react';

/**
 * The memo comparator of every node component: equal on what a node shows. React Flow hands a
 * node its absolute position on every frame of a drag, which no node draws, so a moving block
 * does not re-render its contents.
 */
export const sameNodeProps = <N extends Node>(a: NodeProps<N>, b: NodeProps<N>): boolean =>
  a.id === b.id && a.data === b.data && a.selected === b.selected && a.draggable === b.draggable;
