import { mayCall, type Principal } from '@efa/domain';

/**
 * What the console offers a role: react-admin asks `canAccess({ action,
 * resource })` before it shows a menu entry, a page or a button; the answer
 * comes from libs/domain's OPERATION_ACCESS table, the same one the API
 * enforces, through the GraphQL operation the action would call.
 */

/** English plural as ra-data-graphql-simple (pluralize) and the API's `allXs` queries spell it. */
export function pluralOf(typeName: string): string {
  if (/[^aeiou]y$/i.test(typeName)) return `${typeName.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(typeName)) return `${typeName}es`;
  return `${typeName}s`;
}

/**
 * The GraphQL operation behind a react-admin action on a resource (type
 * name), or undefined for actions the console does not know (refused).
 * `resource` may name a field (`Authority.notes`); the type decides.
 */
export function operationFor(action: string, resource: string): string | undefined {
  const type = resource.split('.')[0];
  switch (action) {
    case 'list':
    case 'export':
      return `all${pluralOf(type)}`;
    case 'show':
    case 'read':
      return type;
    case 'create':
    case 'clone':
      return `create${type}`;
    case 'edit':
    case 'write':
      return `update${type}`;
    case 'delete':
      return `delete${type}`;
    default:
      return undefined;
  }
}

/** May this signed-in user (null: nobody) take this react-admin action on this resource? */
export function mayAccess(principal: Principal | null, action: string, resource: string): boolean {
  const operation = operationFor(action, resource);
  return operation !== undefined && principal !== null && mayCall(principal, operation) === 'ALLOWED';
}
