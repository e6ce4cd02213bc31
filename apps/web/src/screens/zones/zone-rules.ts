import type { AlertRule, AlertRuleParamsSchema, AssetKind } from '@harbor/shared';
import type { z } from 'zod';

/** A rule's kind and settings as `alertRules.create` takes them. */
export type RuleSettings = z.input<typeof AlertRuleParamsSchema>;

/** The rules the zones screen makes for one zone, one of each. */
export const RULE_SLOTS = ['truckSpeed', 'vesselSpeed', 'dwell', 'entry'] as const;
export type RuleSlot = (typeof RULE_SLOTS)[number];

type Params = {
  zoneIds?: string[];
  zoneKinds?: string[];
  assetKinds?: AssetKind[];
  limitKmh?: number;
  limitKnots?: number;
  maxMinutes?: number;
};

const paramsOf = (rule: AlertRule) => rule.params as Params;
const only = (assets: readonly AssetKind[] | undefined, kind: AssetKind) =>
  assets?.length === 1 && assets[0] === kind;

/**
 * Which of the screen's rules a rule is: aimed at this zone alone by id (no kinds), of the
 * slot's kind and assets. Rules made elsewhere (by kind, over several zones) are not touched.
 */
export function slotOf(rule: AlertRule, zoneId: string): RuleSlot | null {
  const params = paramsOf(rule);
  if (params.zoneKinds || params.zoneIds?.length !== 1 || params.zoneIds[0] !== zoneId) return null;
  if (rule.kind === 'SPEEDING') {
    if (only(params.assetKinds, 'VEHICLE') && params.limitKmh !== undefined) return 'truckSpeed';
    if (only(params.assetKinds, 'VESSEL') && params.limitKnots !== undefined) return 'vesselSpeed';
    return null;
  }
  if (rule.kind === 'DWELL') return 'dwell';
  if (rule.kind === 'RESTRICTED_AREA') return 'entry';
  return null;
}

export function rulesOfZone(
  rules: readonly AlertRule[],
  zoneId: string,
): Partial<Record<RuleSlot, AlertRule>> {
  const found: Partial<Record<RuleSlot, AlertRule>> = {};
  for (const rule of rules) {
    const slot = slotOf(rule, zoneId);
    if (slot && !found[slot]) found[slot] = rule;
  }
  return found;
}

/** Rules that watch zones of this kind (made elsewhere), for the user to know of them. */
export function kindRules(rules: readonly AlertRule[], zoneKind: string): AlertRule[] {
  return rules.filter((rule) => {
    const kinds = paramsOf(rule).zoneKinds;
    return rule.enabled && kinds?.includes(zoneKind) === true;
  });
}

/** A slot's limit as the form shows it: '' for none. */
export function limitText(slot: RuleSlot, rule: AlertRule | undefined): string {
  if (!rule || slot === 'entry') return '';
  const params = paramsOf(rule);
  const value =
    slot === 'truckSpeed'
      ? params.limitKmh
      : slot === 'vesselSpeed'
        ? params.limitKnots
        : params.maxMinutes;
  return value === undefined ? '' : String(value);
}

/** The rule's kind and settings for a slot with this limit (minutes, km/h or knots). */
export function slotSettings(slot: RuleSlot, zoneId: string, limit: number): RuleSettings {
  const zoneIds = [zoneId];
  switch (slot) {
    case 'truckSpeed':
      return { kind: 'SPEEDING', params: { zoneIds, assetKinds: ['VEHICLE'], limitKmh: limit } };
    case 'vesselSpeed':
      return { kind: 'SPEEDING', params: { zoneIds, assetKinds: ['VESSEL'], limitKnots: limit } };
    case 'dwell':
      return {
        kind: 'DWELL',
        params: { zoneIds, assetKinds: ['VESSEL', 'VEHICLE'], maxMinutes: limit },
      };
    case 'entry':
      return { kind: 'RESTRICTED_AREA', params: { zoneIds, assetKinds: ['VESSEL', 'VEHICLE'] } };
  }
}

/** A number typed in a limit field: '' is none, anything else must be a positive number. */
export function parseLimit(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value > 0 ? value : 'invalid';
}
