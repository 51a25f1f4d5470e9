import type { ConnectorsConfig } from '../../../connectors/connector-config.ts';
import { connectorsConfigPath, loadConnectorsConfig } from '../../../connectors/load-connectors-config.ts';
import { listConnectorStatus } from '../../../use-cases/connectors/list-connector-status.ts';
import { requireAuthenticated } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { listConnectorsSchema } from './schema.ts';

const connectors: RouteModule = (app, ctx) => {
  app.get('/api/v1/connectors', { schema: listConnectorsSchema }, async (request) => {
    requireAuthenticated(request);
    // Read on each request so an edited file shows at once; a broken file still leaves the stored state visible.
    let config: ConnectorsConfig = { connectors: [] };
    let configError: string | undefined;
    try {
      config = await loadConnectorsConfig(connectorsConfigPath());
    } catch (error) {
      configError = (error as Error).message;
    }
    const status = await listConnectorStatus(ctx, config);
    return configError ? { connectors: status, configError } : { connectors: status };
  });
};

export default connectors;
