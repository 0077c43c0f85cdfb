import { AuditEvent } from '../audit/audit-event.entity.js';
import { Authority } from '../authority/authority.entity.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { ReuseContract } from '../reuse-contract/reuse-contract.entity.js';
import { SpecialistSystem } from '../specialist-system/specialist-system.entity.js';
import { State } from '../state/state.entity.js';

export const ENTITIES = [State, Authority, OnlineService, SpecialistSystem, ReuseContract, AuditEvent];
