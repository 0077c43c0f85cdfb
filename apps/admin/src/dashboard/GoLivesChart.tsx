import { useTheme } from '@mui/material/styles';
import { useNavigate, useTranslate } from 'react-admin';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useDashboardFormat } from './format';
import type { GoLivePoint } from './goLiveSeries';

export interface GoLivesChartProps {
  points: GoLivePoint[];
  /** Where a bar of go-lives leads: the live onboardings. */
  livePath: string;
  /** Where a bar of planned go-lives leads. */
  plannedPath: string;
}

/**
 * The go-lives chart of GoLivesPanel, in a module of its own so that the
 * dashboard loads recharts lazily (the panel shows a placeholder of the
 * same height meanwhile).
 */
const GoLivesChart = ({ points, livePath, plannedPath }: GoLivesChartProps) => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  const theme = useTheme();
  const navigate = useNavigate();
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  const colors = { goLives: theme.palette.success.main, planned: theme.palette.warning.main, total: theme.palette.primary.main };
  return (
    <ResponsiveContainer>
      <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={theme.palette.divider} vertical={false} />
        <XAxis dataKey="month" tickFormatter={format.month} tick={axis} stroke={theme.palette.divider} minTickGap={24} />
        <YAxis yAxisId="month" tick={axis} stroke={theme.palette.divider} allowDecimals={false} width={40} />
        <YAxis yAxisId="total" orientation="right" tick={axis} stroke={theme.palette.divider} allowDecimals={false} width={48} />
        <Tooltip
          labelFormatter={(label) => format.month(String(label))}
          formatter={(value) => format.number(Number(value))}
          contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider, color: theme.palette.text.primary }}
          cursor={{ fill: theme.palette.action.hover }}
        />
        <Legend wrapperStyle={{ fontSize: 13, color: theme.palette.text.primary }} />
        <Bar yAxisId="month" dataKey="goLives" name={translate('dashboard.goLives.goLives')} fill={colors.goLives} cursor="pointer" isAnimationActive={false} onClick={() => navigate(livePath)} />
        <Bar yAxisId="month" dataKey="planned" name={translate('dashboard.goLives.planned')} fill={colors.planned} fillOpacity={0.6} cursor="pointer" isAnimationActive={false} onClick={() => navigate(plannedPath)} />
        <Line yAxisId="total" dataKey="cumulative" name={translate('dashboard.goLives.cumulative')} stroke={colors.total} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        <Line yAxisId="total" dataKey="forecast" name={translate('dashboard.goLives.forecast')} stroke={colors.total} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
};

export default GoLivesChart;
