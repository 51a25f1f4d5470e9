import type { RouteModule } from '../../route-module.ts';

// Placeholder until the unit registry lands.
const units: RouteModule = () => {};

export default units;
