import { ContractStatus } from './enums.js';
import { refusalReason as coded, type CodedMessage } from './messages.js';

/** The contract lifecycle: NONE -> INTEREST_DECLARED -> NEGOTIATING -> SIGNED -> TERMINATED. */
const ORDER: ContractStatus[] = [ContractStatus.NONE, ContractStatus.INTEREST_DECLARED, ContractStatus.NEGOTIATING, ContractStatus.SIGNED, ContractStatus.TERMINATED];

/**
 * May a contract move from `from` to `to`? Forward only; a step may be
 * skipped (interest straight to signed), except that only a signed contract
 * can be terminated. Returns the reasons for a refusal (empty = allowed).
 */
export function checkContractTransition(from: ContractStatus | string, to: ContractStatus, reason?: string | null): CodedMessage[] {
  const reasons: CodedMessage[] = [];
  const a = ORDER.indexOf(from as ContractStatus);
  const b = ORDER.indexOf(to);
  if (from === to) reasons.push(coded('CONTRACT_ALREADY', { status: to }));
  else if (b < a) reasons.push(coded('CONTRACT_BACKWARDS', { from, to }));
  if (to === ContractStatus.TERMINATED) {
    if (from !== ContractStatus.SIGNED) reasons.push(coded('CONTRACT_TERMINATE_UNSIGNED', { status: from }));
    if (!reason?.trim()) reasons.push(coded('TERMINATE_NEEDS_REASON'));
  }
  return reasons;
}

/** Is the state entitled to go live with the service: a signed contract, or it leads the service itself? */
export function stateMayGoLive(contractStatus: ContractStatus | string | null | undefined, isLeadState: boolean): boolean {
  return isLeadState || contractStatus === ContractStatus.SIGNED;
}
