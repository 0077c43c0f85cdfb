import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CostKeyKind, STATE_CODES } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';

registerEnumType(CostKeyKind, { name: 'CostKeyKind', description: 'KOENIGSTEINER: one factor per state; COMBINED: weighted components with per-state values.' });

@ObjectType({ description: "One state's value in a cost key or a key component." })
@InputType('StateValueInput')
export class StateValue {
  @Field(() => String, { description: 'State code, e.g. BB.' })
  stateCode: string;

  @Field(() => Float, { description: 'Non-negative; any scale (percent, counts), shares are normalised.' })
  value: number;
}

@ObjectType({ description: 'A weighted component of a combined key, e.g. the share of third-country nationals with weight 0.5.' })
@InputType('CostKeyComponentInput')
export class CostKeyComponent {
  @Field(() => String)
  name: string;

  @Field(() => Float, { description: 'Relative weight; the weights of a key are normalised by their sum.' })
  weight: number;

  @Field(() => [StateValue], { description: 'The 16 states\' values.' })
  values: StateValue[];
}

type ValueMap = Record<string, number>;
const byStateOrder = (a: StateValue, b: StateValue) => STATE_CODES.indexOf(a.stateCode as never) - STATE_CODES.indexOf(b.stateCode as never);
const toList = (map: ValueMap | null | undefined): StateValue[] =>
  Object.entries(map ?? {})
    .map(([stateCode, value]) => ({ stateCode, value: Number(value) }))
    .sort(byStateOrder);
const toMap = (list: readonly StateValue[] | null | undefined): ValueMap => Object.fromEntries((list ?? []).map((v) => [v.stateCode, v.value]));

/** Per-state values are stored as a JSON object { "BB": 3.03655, … }, served as a list in the order of the states. */
export const stateValuesTransformer = {
  to: (list: StateValue[] | null | undefined) => (list === undefined ? undefined : toMap(list)),
  from: (map: ValueMap | null) => toList(map),
};
export const componentsTransformer = {
  to: (list: CostKeyComponent[] | null | undefined) => (list === undefined ? undefined : (list ?? []).map((c) => ({ name: c.name, weight: c.weight, values: toMap(c.values) }))),
  from: (rows: Array<{ name: string; weight: number; values: ValueMap }> | null) => (rows ?? []).map((c) => ({ name: c.name, weight: Number(c.weight), values: toList(c.values) })),
};

/** Puts per-state values in the order of the states, so that equal keys compare equal (audit diffs). */
export const sortStateValues = (list: readonly StateValue[]): StateValue[] => list.map((v) => ({ stateCode: v.stateCode, value: v.value })).sort(byStateOrder);

@ObjectType({ description: 'A cost key (Kostenschlüssel): Königsteiner Schlüssel of a year, or a weighted combined key.' })
@Entity('cost_key')
export class CostKey extends BaseRecord {
  @Field(() => String)
  @Column()
  name: string;

  @Field(() => CostKeyKind)
  @Column({ type: 'text' })
  kind: CostKeyKind;

  @Field(() => Int, { description: 'The year of the key\'s data (e.g. 2016 for the Königsteiner Schlüssel 2016).' })
  @Column({ type: 'smallint' })
  year: number;

  @Field(() => [StateValue], { description: 'KOENIGSTEINER: the factor of each state (e.g. percent). Empty for COMBINED keys: see shares.' })
  @Column({ type: 'jsonb', transformer: stateValuesTransformer })
  factors: StateValue[];

  @Field(() => [CostKeyComponent], { description: 'COMBINED: the weighted components. Empty for KOENIGSTEINER keys.' })
  @Column({ type: 'jsonb', transformer: componentsTransformer })
  components: CostKeyComponent[];

  @Field(() => String, { nullable: true, description: 'Source and remarks.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
