import { OFFENSE_GROUPS, UNMAPPED_COLOR } from '../../shared/domain/ingest/nibrs';

/** Point colour per group index: the offense groups in order, then "unmapped". */
export const GROUP_COLORS: readonly (readonly [number, number, number])[] = [...OFFENSE_GROUPS.map((g) => g.color), UNMAPPED_COLOR];

/** Legend label per group index, matching GROUP_COLORS. */
export const GROUP_LABELS: readonly string[] = [...OFFENSE_GROUPS.map((g) => g.label), 'Unmapped code'];
