import type { Attrs, RegistrySpec } from './spec.js';

export interface Resolved {
  version: string;
  attrs: Attrs;
  /** Set when the reference is a floating alias the provider can move. */
  alias?: string;
  retired: boolean;
}

/** A model registry: dated versions, floating aliases the provider moves, retirements. */
export class Registry {
  readonly aliases: Map<string, string>;
  /** Dated versions and their attributes; retraining adds to them. */
  readonly versions: Map<string, Attrs>;
  private readonly retiredMs = new Map<string, number>();

  constructor(readonly spec: RegistrySpec) {
    this.aliases = new Map(Object.entries(spec.aliases));
    this.versions = new Map(spec.versions.map((v) => [v.id, v.attrs]));
    for (const v of spec.versions) if (v.retiredAtMs !== undefined) this.retiredMs.set(v.id, v.retiredAtMs);
  }

  has(ref: string): boolean {
    return this.aliases.has(ref) || this.versions.has(ref);
  }

  isAlias(ref: string): boolean {
    return this.aliases.has(ref);
  }

  names(): string[] {
    return [...this.aliases.keys(), ...this.versions.keys()];
  }

  resolve(ref: string, nowMs: number): Resolved {
    const target = this.aliases.get(ref);
    const id = target ?? ref;
    const retiredAt = this.retiredMs.get(id);
    return {
      version: id,
      attrs: this.versions.get(id) ?? {},
      ...(target !== undefined ? { alias: ref } : {}),
      retired: retiredAt !== undefined && nowMs >= retiredAt,
    };
  }

  moveAlias(alias: string, to: string): void {
    this.aliases.set(alias, to);
  }

  /** Puts every alias back where it pointed when the drill began (a provider's revert). */
  revertAliases(): string[] {
    const moved: string[] = [];
    for (const [alias, to] of Object.entries(this.spec.aliases)) {
      if (this.aliases.get(alias) !== to) moved.push(`${alias} -> ${to}`);
      this.aliases.set(alias, to);
    }
    return moved;
  }

  add(id: string, attrs: Attrs): void {
    this.versions.set(id, attrs);
  }

  retire(version: string, atMs: number): void {
    this.retiredMs.set(version, atMs);
  }

  isRetired(version: string, nowMs: number): boolean {
    const at = this.retiredMs.get(version);
    return at !== undefined && nowMs >= at;
  }
}
