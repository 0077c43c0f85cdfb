import { VersionedEdit } from '../common/forms';
import { WaveForm, waveInput } from './WaveForm';

const WaveEdit = () => (
  <VersionedEdit transform={waveInput} title="wave.name">
    <WaveForm />
  </VersionedEdit>
);

export default WaveEdit;
