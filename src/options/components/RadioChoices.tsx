import { t } from '../../i18n.ts';
import { keyPart } from '../text.ts';

/**
 * One radio button per value, each labelled by the message `${messagePrefix}${value}`
 * (with "-" as "_"); its id is `${name}-${value}`.
 */
export function RadioChoices<V extends string>({
  name,
  values,
  chosen,
  messagePrefix,
  onChoose,
}: {
  name: string;
  values: readonly V[];
  chosen: V;
  messagePrefix: string;
  onChoose: (v: V) => void;
}) {
  return (
    <>
      {values.map((v) => (
        <div class="choice" key={v}>
          <input type="radio" id={`${name}-${v}`} name={name} value={v} checked={chosen === v} onChange={() => void onChoose(v)} />
          <label for={`${name}-${v}`}>{t(`${messagePrefix}${keyPart(v)}`)}</label>
        </div>
      ))}
    </>
  );
}
