/**
 * 1000 generated projects in one project category, for checking "every project of a category"
 * (#14): the sync user is a Developer in each, except in every 250th, where its group is only in
 * Users (no Create Issues), so a large run has a few real problems to find among many healthy
 * projects.
 */
import { project, role, ROLE } from '../builders';
import type { World, WorldProjectCategory } from '../world';
import { ACCOUNT, GROUP, SCHEME } from './scenarios';

export const BRANCH_OFFICES: WorldProjectCategory = {
  id: '10100',
  name: 'Branch offices',
  description: 'One project per branch office (generated for the demo).',
};

/** A smaller category of the demo's own projects, so a category can also be a short list. */
export const CORE_TEAMS: WorldProjectCategory = {
  id: '10101',
  name: 'Core teams',
  description: 'The product teams.',
};

export const BRANCH_OFFICE_COUNT = 1000;
/** Every this-many-th branch office keeps the sync user's group out of Developers. */
export const BRANCH_WITHOUT_CREATE_EVERY = 250;

/** ZB0001…ZB1000: keys sort after the demo's hand-made projects. */
export function branchOfficeKey(n: number): string {
  return `ZB${String(n).padStart(4, '0')}`;
}

export function addBranchOffices(world: World, count: number = BRANCH_OFFICE_COUNT): void {
  world.projectCategories = [...(world.projectCategories ?? []), BRANCH_OFFICES];
  for (let n = 1; n <= count; n++) {
    const withoutCreate = n % BRANCH_WITHOUT_CREATE_EVERY === 0;
    const office = project({
      id: String(20000 + n),
      key: branchOfficeKey(n),
      name: `Branch office ${String(n).padStart(4, '0')}`,
      type: 'business',
      lead: ACCOUNT.admin,
      schemeId: SCHEME.software,
      roles: [
        role(ROLE.developers, { groups: withoutCreate ? [] : [GROUP.software] }),
        role(ROLE.users, { groups: withoutCreate ? [GROUP.software] : [] }),
        role(ROLE.administrators, { groups: [GROUP.admins] }),
        role(ROLE.addons),
      ],
    });
    office.categoryId = BRANCH_OFFICES.id;
    world.projects.push(office);
  }
}
