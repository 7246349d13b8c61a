import { AppError } from '../../shared/errors';
/**
 * Disclosure control for one export: primary suppression, complementary suppression, then the
 * attacker's audit, repeated until the audit finds nothing.
 *
 * 1. Primary: every number (cell or total) counting 1..t-1 people is hidden, t being k, or the
 *    higher tier-2 threshold for sensitive breakdowns. Zero is published, except in tier-2
 *    breakdowns, where it is hidden like a small count.
 * 2. Complementary, to a fixed point over every row, column and total line of every table: a
 *    line (total = sum of parts) with exactly one hidden member, or whose hidden parts add up to
 *    too little to cover the threshold of a sensitive one among them, gets its smallest non-zero
 *    published part hidden too (its total when no such part is left). A number appearing in
 *    several tables (the people registered in the period, the unaccompanied children) is one
 *    number: hidden in one table, it is hidden in all.
 * 3. Audit: a linear-programming attack (audit.ts) on everything published, relations between
 *    tables included (tables.ts, linksOf). A hidden number it can pin exactly, or pin below its
 *    threshold, gets a neighbour hidden (the smallest published non-zero number sharing a line
 *    with it, or with a hidden number next to it; one shared by several tables only when nothing
 *    else is left), and back to 2. A hidden number it pins exactly that may be published (at
 *    or above its threshold, or a tier-2 zero) is published instead: it tells nothing new.
 *
 * Zeros are hidden only in tier-2 breakdowns (where a 0 beside a hidden count would give it away):
 * that is what lets the audit assume every other hidden number is at least 1.
 */
import type { StatsTableId } from '../../shared/stats';
import { assessRelease, auditRelease, type AuditFailure, type CellBounds } from './audit';
import { exactNumbers, publishTable, thresholdAt, zeroHiddenAt, type Thresholds } from './publish';
import { equationsOf, positionKey, positionsOf, resolve, valueAt, type Link, type Position } from './structure';
import type { RawTable } from './tables';

export interface Protection {
  /** Position keys (positionKey) of every hidden number. */
  suppressed: ReadonlySet<string>;
  /** The final audit: the range a reader can derive for each hidden number. */
  bounds: CellBounds[];
  /** Empty when the release is safe; protect() throws otherwise. */
  failures: AuditFailure[];
  /** How many audit rounds it took. */
  rounds: number;
}

interface Node {
  value: number;
  threshold: number;
  keys: string[];
  /** A tier-2 breakdown's cell: a zero is hidden like a small count (publish.ts, zeroHiddenAt). */
  hidesZero: boolean;
}

/** Hidden by primary suppression: 1..t-1, and 0 too where zeros are hidden. */
function isSmall(node: Node): boolean {
  return node.value < node.threshold && (node.value >= 1 || (node.hidesZero && node.value === 0));
}

interface Line {
  total: number;
  parts: number[];
}

/** Shown to the supervisor as stats_unprotectable, with what to change in the request. */
export class DisclosureControlError extends AppError {
  constructor(readonly failures: AuditFailure[]) {
    super('stats_unprotectable', { numbers: failures.length });
    this.name = 'DisclosureControlError';
  }
}

const MAX_ROUNDS = 1000;

export function protect(tables: readonly RawTable[], links: readonly Link[], thresholds: Thresholds): Protection {
  const graph = buildGraph(tables, links, thresholds);
  const hidden = new Set<number>();
  graph.nodes.forEach((node, id) => {
    if (isSmall(node)) hidden.add(id);
  });
  complement(graph, hidden);

  const truth = truthOf(tables);
  const thresholdOf = (id: StatsTableId, position: Position) => thresholdAt(tableOf(tables, id), position, thresholds);
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const suppressed = keysOf(graph, hidden);
    const published = tables.map((table) => publishTable(table, suppressed, { ...thresholds, roundTo5: false }));
    const bounds = auditRelease(published, links);
    const failures = assessRelease(published, truth, thresholdOf, bounds);
    if (failures.length === 0) return { suppressed, bounds, failures, rounds: round };
    let added = false;
    for (const failure of failures) {
      const node = graph.nodeOf.get(positionKey(failure.table, failure.position));
      const entry = node === undefined ? undefined : graph.nodes[node];
      if (node !== undefined && entry && failure.kind === 'recoverable' && hidden.has(node) && (entry.value === 0 || !isSmall(entry))) {
        // A number the rest of the release already tells exactly, and that may be published: at
        // or above its threshold (units of one beside the people registered), or a tier-2 zero
        // that published zeros around it pin (a line whose total is 0). Hiding more would hide
        // numbers a reader needs, and publishing it tells nothing new: published, and never
        // hidden again to protect a line.
        hidden.delete(node);
        graph.released.add(node);
        added = true;
        continue;
      }
      const repair = node === undefined ? undefined : nearestRepair(graph, hidden, node);
      if (repair !== undefined && !hidden.has(repair)) {
        hidden.add(repair);
        added = true;
      }
    }
    if (!added) throw new DisclosureControlError(failures);
    complement(graph, hidden);
  }
  throw new DisclosureControlError([]);
}

interface Graph {
  nodes: Node[];
  nodeOf: Map<string, number>;
  lines: Line[];
  /** Per node, the lines it is in and the nodes an "at most" relation ties it to. */
  linesOf: number[][];
  related: number[][];
  /** Numbers the audit found others tell exactly: published, and never hidden to protect a line. */
  released: Set<number>;
}

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    this.parent[i] = root;
    return root;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

function buildGraph(tables: readonly RawTable[], links: readonly Link[], thresholds: Thresholds): Graph {
  const positions: { key: string; value: number; threshold: number; hidesZero: boolean }[] = [];
  const indexOf = new Map<string, number>();
  for (const table of tables) {
    const numbers = exactNumbers(table);
    for (const position of positionsOf(table)) {
      const key = positionKey(table.id, position);
      indexOf.set(key, positions.length);
      positions.push({ key, value: valueAt(numbers, position) ?? 0, threshold: thresholdAt(table, position, thresholds), hidesZero: zeroHiddenAt(table, position) });
    }
  }
  const refIndex = (ref: { table: StatsTableId; row: string; column: string }) => {
    const table = tables.find((candidate) => candidate.id === ref.table);
    const position = table && resolve(table, ref);
    return position ? indexOf.get(positionKey(ref.table, position)) : undefined;
  };

  const same = new UnionFind(positions.length);
  for (const link of links) {
    if (link.kind !== 'equal') continue;
    const members = link.cells.map(refIndex).filter((index): index is number => index !== undefined);
    for (const member of members.slice(1)) same.union(members[0] ?? member, member);
  }
  const nodes: Node[] = [];
  const nodeOfRoot = new Map<number, number>();
  const nodeOf = new Map<string, number>();
  positions.forEach((position, index) => {
    const root = same.find(index);
    let node = nodeOfRoot.get(root);
    if (node === undefined) {
      node = nodes.length;
      nodeOfRoot.set(root, node);
      nodes.push({ value: position.value, threshold: position.threshold, keys: [], hidesZero: position.hidesZero });
    }
    const entry = nodes[node];
    if (!entry) return;
    if (entry.value !== position.value) throw new Error(`linked numbers differ: ${entry.keys[0] ?? ''} and ${position.key}`);
    entry.threshold = Math.max(entry.threshold, position.threshold);
    entry.hidesZero &&= position.hidesZero;
    entry.keys.push(position.key);
    nodeOf.set(position.key, node);
  });

  const lines: Line[] = [];
  for (const table of tables) {
    for (const equation of equationsOf(table)) {
      const node = (position: Position) => nodeOf.get(positionKey(table.id, position)) ?? -1;
      lines.push({ total: node(equation.total), parts: equation.parts.map(node) });
    }
  }
  const linesOf: number[][] = nodes.map(() => []);
  lines.forEach((line, index) => [line.total, ...line.parts].forEach((node) => linesOf[node]?.push(index)));
  const related: number[][] = nodes.map(() => []);
  for (const link of links) {
    if (link.kind !== 'atMost') continue;
    const members = [...link.small, ...link.large, ...(link.onlyWhenZero ?? [])].map(refIndex).flatMap((index) => (index === undefined ? [] : [nodeOf.get(positions[index]?.key ?? '') ?? -1]));
    for (const a of members) for (const b of members) if (a !== b) related[a]?.push(b);
  }
  return { nodes, nodeOf, lines, linesOf, related, released: new Set() };
}

function valueOf(graph: Graph, node: number): number {
  return graph.nodes[node]?.value ?? 0;
}

function isSensitive(graph: Graph, node: number): boolean {
  const entry = graph.nodes[node];
  return entry !== undefined && isSmall(entry);
}

/** The smallest published non-zero part of a line, else its total if published. */
function lineCandidate(graph: Graph, hidden: ReadonlySet<number>, line: Line): number | undefined {
  let best: number | undefined;
  for (const part of line.parts) {
    if (hidden.has(part) || valueOf(graph, part) === 0 || graph.released.has(part)) continue;
    if (best === undefined || valueOf(graph, part) < valueOf(graph, best)) best = part;
  }
  if (best !== undefined) return best;
  return hidden.has(line.total) || valueOf(graph, line.total) === 0 || graph.released.has(line.total) ? undefined : line.total;
}

function complement(graph: Graph, hidden: Set<number>): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of graph.lines) {
      const hiddenParts = line.parts.filter((part) => hidden.has(part));
      const totalHidden = hidden.has(line.total);
      const count = hiddenParts.length + (totalHidden ? 1 : 0);
      if (count === 0) continue;
      let needMore = count === 1;
      if (!needMore && !totalHidden) {
        // The hidden parts add up to a published residual: each of them is at most the residual
        // less one for every other hidden part, and that must reach a sensitive part's threshold.
        const residual = hiddenParts.reduce((sum, part) => sum + valueOf(graph, part), 0);
        const needed = Math.max(0, ...hiddenParts.filter((part) => isSensitive(graph, part)).map((part) => graph.nodes[part]?.threshold ?? 0));
        needMore = needed > 0 && residual - (hiddenParts.length - 1) < needed;
      }
      if (!needMore) continue;
      const candidate = lineCandidate(graph, hidden, line);
      if (candidate !== undefined) {
        hidden.add(candidate);
        changed = true;
      }
    }
  }
}

/**
 * A number published in several tables (the people registered, in every table that partitions
 * them): hidden for a relation only when nothing else can be, since hiding it hides it everywhere.
 */
function isShared(graph: Graph, node: number): boolean {
  return (graph.nodes[node]?.keys.length ?? 0) > 1;
}

/** The published number closest to a failing one, by lines and relations, smallest first. */
function nearestRepair(graph: Graph, hidden: ReadonlySet<number>, start: number): number | undefined {
  const seen = new Set<number>([start]);
  // A shared number (the people registered) is hidden for a relation only when nothing else can be.
  let sharedFallback: number | undefined;
  for (let frontier = [start]; frontier.length > 0; ) {
    const next: number[] = [];
    let best: number | undefined;
    for (const node of frontier) {
      for (const lineIndex of graph.linesOf[node] ?? []) {
        const line = graph.lines[lineIndex];
        if (!line) continue;
        const candidate = lineCandidate(graph, hidden, line);
        if (candidate !== undefined && (best === undefined || valueOf(graph, candidate) < valueOf(graph, best))) best = candidate;
        for (const member of [line.total, ...line.parts]) {
          if (hidden.has(member) && !seen.has(member)) {
            seen.add(member);
            next.push(member);
          }
        }
      }
      for (const other of graph.related[node] ?? []) {
        const publishable = !hidden.has(other) && valueOf(graph, other) > 0 && !graph.released.has(other);
        if (publishable && isShared(graph, other)) sharedFallback ??= other;
        else if (publishable && (best === undefined || valueOf(graph, other) < valueOf(graph, best))) best = other;
        else if (hidden.has(other) && !seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    if (best !== undefined) return best;
    frontier = next;
  }
  return sharedFallback;
}

function keysOf(graph: Graph, hidden: ReadonlySet<number>): Set<string> {
  const keys = new Set<string>();
  for (const node of hidden) for (const key of graph.nodes[node]?.keys ?? []) keys.add(key);
  return keys;
}

function tableOf(tables: readonly RawTable[], id: StatsTableId): RawTable {
  const table = tables.find((candidate) => candidate.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return table;
}

/** The exact value at any position of any table. */
export function truthOf(tables: readonly RawTable[]): (id: StatsTableId, position: Position) => number {
  const numbers = new Map(tables.map((table) => [table.id, exactNumbers(table)]));
  return (id, position) => {
    const table = numbers.get(id);
    return table ? (valueAt(table, position) ?? 0) : 0;
  };
}
