/**
 * `attributes` / `excludedAttributes` (RFC 7644 3.4.2.5, 3.9) on a resource: paths like
 * `userName`, `emails.value`, `name.givenName`, a whole extension `urn:…:User`, or one of its
 * attributes `urn:…:User:role`. Names are case-insensitive; `id` and `schemas` always stay.
 */
export function project(
  resource: Record<string, unknown>,
  attributes: readonly string[],
  excluded: readonly string[],
): Record<string, unknown> {
  const urns = Object.keys(resource).filter((k) => k.startsWith('urn:'));
  // A name qualified with the resource's own (core) schema URN is the plain name.
  const core = `${String((resource.schemas as unknown[] | undefined)?.[0] ?? '')}:`.toLowerCase();
  const split = (qualified: string): [string, string | undefined] => {
    const path = qualified.toLowerCase().startsWith(core) ? qualified.slice(core.length) : qualified;
    const lower = path.toLowerCase();
    const urn = urns.find((u) => lower === u.toLowerCase() || lower.startsWith(`${u.toLowerCase()}:`));
    if (urn) return [urn, lower.length > urn.length ? path.slice(urn.length + 1) : undefined];
    const dot = path.indexOf('.');
    return dot < 0 ? [path, undefined] : [path.slice(0, dot), path.slice(dot + 1)];
  };
  const keyOf = (obj: Record<string, unknown>, name: string) =>
    Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());

  if (attributes.length > 0) {
    const out: Record<string, unknown> = { schemas: resource.schemas, id: resource.id };
    for (const path of attributes) {
      const [top, sub] = split(path);
      const key = keyOf(resource, top);
      if (!key) continue;
      const value = resource[key];
      if (sub === undefined || typeof value !== 'object' || value === null) {
        out[key] = value;
        continue;
      }
      const pick = (o: Record<string, unknown>) => {
        const k = keyOf(o, sub);
        return k ? { [k]: o[k] } : {};
      };
      if (Array.isArray(value)) {
        out[key] = value.map((v) => pick(v as Record<string, unknown>));
      } else {
        out[key] = { ...((out[key] as object) ?? {}), ...pick(value as Record<string, unknown>) };
      }
    }
    return out;
  }
  if (excluded.length > 0) {
    const out: Record<string, unknown> = structuredClone(resource);
    for (const path of excluded) {
      const [top, sub] = split(path);
      const key = keyOf(out, top);
      if (!key || key === 'id' || key === 'schemas') continue;
      if (sub === undefined) {
        delete out[key];
        continue;
      }
      const value = out[key];
      const drop = (o: Record<string, unknown>) => {
        const k = keyOf(o, sub);
        if (k) delete o[k];
      };
      if (Array.isArray(value)) value.forEach((v) => drop(v as Record<string, unknown>));
      else if (typeof value === 'object' && value !== null) drop(value as Record<string, unknown>);
    }
    return out;
  }
  return resource;
}

/** A comma-separated query parameter as a list. */
export function listParam(value: unknown): string[] {
  return typeof value === 'string' && value.trim() !== ''
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}
