/** The MQM categories and severities a reviewer picks from (the server's vocabulary in backend/src/qa/mqm.ts). */
import type { MqmCategory, MqmSeverity } from '../../../backend/src/qa/mqm.ts';

export const MQM_CATEGORY_OPTIONS: readonly MqmCategory[] = [
  'accuracy/mistranslation', 'accuracy/omission', 'accuracy/addition', 'accuracy/untranslated', 'terminology', 'numbers-dates',
  'names-titles', 'fluency/grammar', 'fluency/spelling', 'fluency/punctuation', 'style',
];
export const MQM_SEVERITY_OPTIONS: readonly MqmSeverity[] = ['minor', 'major', 'critical'];
