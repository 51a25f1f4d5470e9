import type { CommandModule } from '../cli-context.ts';
import alerts from './alerts.ts';
import audit from './audit.ts';
import connectors from './connectors.ts';
import db from './db.ts';
import indicators from './indicators.ts';
import observations from './observations.ts';
import notify from './notify.ts';
import pilots from './pilots.ts';
import plans from './plans.ts';
import report from './report.ts';
import reporting from './reporting.ts';
import scores from './scores.ts';
import serve from './serve.ts';
import tokens from './tokens.ts';
import units from './units.ts';
import users, { setup } from './users.ts';
import targets from './targets.ts';
import evaluate from './evaluate.ts';
import demo from './demo.ts';
import warn from './warn.ts';
import classify from './classify.ts';
import webhooks from './webhooks.ts';
import problems from './problems.ts';

/** Every command group of `theodoi`; a new area adds its module here. */
export const commandModules: CommandModule[] = [serve, setup, db, units, users, tokens, audit, plans, indicators, observations, connectors, scores, report, reporting, notify, targets, evaluate, demo, warn, alerts, classify, webhooks, pilots, problems];
