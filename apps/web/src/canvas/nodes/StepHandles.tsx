import { Handle, Position } from '@xyflow/react';

/**
 * The edge anchors a step uses, and no others: handles are positioned elements, and with a
 * thousand steps every one of them costs paint and hit-testing. Steps are never connected by
 * hand (their edges come from the pattern), so none is connectable.
 */
export function StepHandles({ handles }: { handles: string }) {
  return (
    <>
      {handles.includes('t') ? (
        <Handle type="target" position={Position.Top} id="t" isConnectable={false} />
      ) : null}
      {handles.includes('l') ? (
        <Handle type="target" position={Position.Left} id="l" isConnectable={false} />
      ) : null}
      {handles.includes('b') ? (
        <Handle type="source" position={Position.Bottom} id="b" isConnectable={false} />
      ) : null}
      {handles.includes('r') ? (
        <Handle type="source" position={Position.Right} id="r" isConnectable={false} />
      ) : null}
    </>
  );
}
