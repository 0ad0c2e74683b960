import type { Plan, PlanStep } from './types.js';

const quote = (text: string) => `"${text.replace(/"/g, '#quot;').replace(/\n/g, ' ')}"`;
const nodeId = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
const stageNodeId = (id: string) => `stage_${nodeId(id)}`;

function shape(step: PlanStep): string {
  const agent = step.agent ?? 'barrier';
  const text = step.label && step.label !== agent ? `${agent}<br/>${step.label}` : agent;
  const label = quote(text);
  switch (step.role) {
    case 'sync':
      return `[[${label}]]`;
    case 'analyzer':
      return `{${label}}`;
    case 'validator':
      return `[/${label}/]`;
    case 'fanin':
      return `([${label}])`;
    default:
      return `[${label}]`;
  }
}

/** A Mermaid flowchart of the plan: one subgraph per stage, one node per step (docs/design.md §4b). */
export function toMermaid(plan: Plan): string {
  const lines = ['flowchart TD'];
  const stepById = new Map(plan.steps.map((s) => [s.id, s]));
  for (const stage of plan.stages) {
    lines.push(`  subgraph ${stageNodeId(stage.id)}[${quote(`${stage.name} · ${stage.pattern}`)}]`);
    for (const id of stage.steps) {
      const step = stepById.get(id);
      if (step) lines.push(`    ${nodeId(step.id)}${shape(step)}`);
    }
    lines.push('  end');
  }
  for (const edge of plan.edges) {
    if (edge.kind === 'stage') {
      lines.push(`  ${stageNodeId(edge.from)} --> ${stageNodeId(edge.to)}`);
      continue;
    }
    const to = stepById.get(edge.to);
    const label = to?.role === 'branch' && to.condition ? `|${quote(to.condition)}|` : '';
    const arrow = edge.kind === 'handoff' ? '==>' : '-->';
    lines.push(`  ${nodeId(edge.from)} ${arrow}${label} ${nodeId(edge.to)}`);
  }
  return `${lines.join('\n')}\n`;
}
