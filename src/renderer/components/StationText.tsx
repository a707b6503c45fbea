// A station message in the cashier's language, with the station's English text in small print under it
// for IT ("connect ECONNREFUSED 127.0.0.1:9100").
import { useTranslation } from 'react-i18next';
import type { StationMessage } from '../../shared/messages';
import { messageText } from '../messageText';

export function StationText({ message, detail, technical = true }: { message: StationMessage | null | undefined; detail: string; technical?: boolean }) {
  const { t } = useTranslation();
  // useTranslation re-renders this on a language switch; messageText words it in the language now set.
  const text = messageText(message, detail);
  return (
    <>
      <span className="station-text">{text}</span>
      {technical && detail && detail !== text && <span className="muted small mono technical" lang="en" title={t('msg.technical')}>{detail}</span>}
    </>
  );
}
