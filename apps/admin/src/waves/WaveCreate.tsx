import { ResourceCreate } from '../common/forms';
import { WaveForm, waveInput } from './WaveForm';

const WaveCreate = () => (
  <ResourceCreate transform={waveInput} title="wave.name">
    <WaveForm create />
  </ResourceCreate>
);

export default WaveCreate;
