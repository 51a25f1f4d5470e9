// Only the parts of ECharts the history chart draws. Static named imports let the bundler drop the
// rest of the library; this module itself is loaded lazily (import('./echarts-setup.ts')).
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

export { init };
