import { useTranslation } from 'react-i18next';
import { canEdit } from '../../auth/screens.ts';
import { useSession } from '../../auth/session.tsx';
import '../../ui/admin.css';
import { QueryState } from '../../ui/states.tsx';
import { LinkForm } from './LinkForm.tsx';
import { RequestsTable } from './RequestsTable.tsx';
import { SharedVehicles } from './SharedVehicles.tsx';
import { StatusPanel } from './StatusPanel.tsx';
import { useSupervisionLink } from './supervision-data.ts';
import './supervision.css';

/**
 * The company's JT/T 809 link to the government road-transport supervision platform (Harbor
 * the lower platform, 下级平台; the government's the superior one, 上级平台): what the process
 * holding it reports, its settings, the vehicles shared, and what the platform sent.
 * Administrators change the settings and the shared vehicles; they and the dispatchers answer
 * the platform's inspections (查岗).
 */
export function SupervisionScreen() {
  const { t } = useTranslation('supervision');
  const { user } = useSession();
  const link = useSupervisionLink();
  const editable = canEdit(user, 'supervision');
  const mayAnswer = user.role === 'ADMIN' || user.role === 'DISPATCHER';
  return (
    <div className="admin-screen supervision">
      <header className="admin-head">
        <h1>{t('common:nav.supervision')}</h1>
      </header>
      <p className="hint">{t('explain')}</p>
      <QueryState query={link}>
        {(current) => (
          <>
            {current ? (
              <StatusPanel link={current} />
            ) : (
              <p className="panel supervision-note" data-testid="supervision-not-configured">
                {editable ? t('notConfiguredAdmin') : t('notConfiguredOthers')}
              </p>
            )}
            {current || editable ? <LinkForm link={current} editable={editable} /> : null}
            {current ? (
              <SharedVehicles link={current} editable={editable} />
            ) : editable ? (
              <p className="hint">{t('vehicles.needsLink')}</p>
            ) : null}
          </>
        )}
      </QueryState>
      <RequestsTable mayAnswer={mayAnswer} />
    </div>
  );
}
