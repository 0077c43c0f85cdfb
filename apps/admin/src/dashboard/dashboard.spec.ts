import { parse } from 'graphql';
import { dashboardQuery } from './dashboardApi';
import { chartPoints } from './goLiveSeries';
import { onboardingsPath, statusFilters } from './links';

const funnel = ['INTEREST', 'KICK_OFF', 'TEST', 'LIVE'].map((stage, position) => ({ stage, position, count: 1, paused: 0 }));

describe('dashboard figures in the console', () => {
  it('asks for the panels’ fields once, and for the national ones beside a state', () => {
    const national = dashboardQuery(['totals { live }', 'funnel { stage }', 'funnel { stage }'], ['states { stateCode }'], false);
    expect(() => parse(national)).not.toThrow();
    expect(national.match(/funnel/g)).toHaveLength(1);
    expect(national).toContain('states { stateCode }');
    expect(national).not.toContain('national:');

    const narrowed = dashboardQuery(['totals { live }'], ['states { stateCode }'], true);
    expect(() => parse(narrowed)).not.toThrow();
    // The wave scope applies to both: the national tiles show the wave's onboardings of every state.
    expect(narrowed).toMatch(/figures: dashboard\(serviceId: \$serviceId, asOf: \$asOf, stateId: \$stateId, waveId: \$waveId\) \{ serviceId serviceName asOf totals \{ live \} \}/);
    expect(narrowed).toContain('national: dashboard(serviceId: $serviceId, asOf: $asOf, waveId: $waveId) { serviceId serviceName asOf states { stateCode } }');
  });

  it('clicks through with the filters the API counts by', () => {
    const filters = statusFilters(funnel);
    expect(filters.live).toEqual({ stage: ['LIVE'], status: ['ACTIVE', 'ON_HOLD'] });
    expect(filters.inRollout).toEqual({ stage: ['INTEREST', 'KICK_OFF', 'TEST'], status: ['ACTIVE'] });
    expect(filters.paused).toEqual({ stage: ['INTEREST', 'KICK_OFF', 'TEST'], status: ['ON_HOLD'] });
    const path = onboardingsPath({ serviceId: 's', ...filters.live }, { field: 'liveAt', order: 'DESC' });
    const [resource, query] = path.split('?');
    expect(resource).toBe('/Onboarding');
    const params = new URLSearchParams(query);
    expect(JSON.parse(params.get('filter')!)).toEqual({ serviceId: 's', stage: ['LIVE'], status: ['ACTIVE', 'ON_HOLD'] });
    expect([params.get('sort'), params.get('order')]).toEqual(['liveAt', 'DESC']);
  });

  it('draws the running total up to the as-of month and the planned go-lives on top of it after', () => {
    const points = chartPoints(
      [
        { month: '2023-07', goLives: 2, cumulative: 2, planned: 0 },
        { month: '2023-08', goLives: 1, cumulative: 3, planned: 0 },
        { month: '2023-09', goLives: 0, cumulative: 3, planned: 4 },
        { month: '2023-10', goLives: 0, cumulative: 3, planned: 0 },
        { month: '2023-11', goLives: 0, cumulative: 3, planned: 2 },
      ],
      '2023-08',
    );
    expect(points.map((p) => p.cumulative)).toEqual([2, 3, undefined, undefined, undefined]);
    expect(points.map((p) => p.forecast)).toEqual([undefined, 3, 7, 7, 9]);
    expect(points.map((p) => p.planned)).toEqual([0, 0, 4, 0, 2]);
  });
});
