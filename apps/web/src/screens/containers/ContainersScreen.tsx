import './containers.css';
import { isValidContainerNumber } from '@harbor/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session.tsx';
import { ContainerDetail } from './ContainerDetail.tsx';
import { ContainerList } from './ContainerList.tsx';
import {
  type ContainersUrlState,
  containersUrlParams,
  parseContainersUrl,
} from './containers-url.ts';
import { usePortLookups } from './lookups.ts';
import { NumberSearch } from './NumberSearch.tsx';

export function ContainersScreen() {
  const { t } = useTranslation('containers');
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const url = parseContainersUrl(params);
  const update = useCallback(
    (patch: Partial<ContainersUrlState>) =>
      setParams((current) => containersUrlParams({ ...parseContainersUrl(current), ...patch })),
    [setParams],
  );
  const lookups = usePortLookups();
  const number = isValidContainerNumber(url.number) ? url.number : null;
  return (
    <div className="containers-screen">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <NumberSearch
          key={url.number}
          initial={url.number}
          onSearch={(value) => update({ number: value })}
        />
      </div>
      {number ? (
        <ContainerDetail
          number={number}
          order={url.order}
          onOrder={(order) => update({ order })}
          lookups={lookups}
        />
      ) : null}
      <ContainerList
        visitId={url.visitId}
        blockId={url.blockId}
        listsOwn={user.organization.kind !== 'PORT_AUTHORITY'}
        lookups={lookups}
        onFilter={(filter) => update(filter)}
        onOpen={(value) => {
          update({ number: value });
          window.scrollTo({ top: 0 });
        }}
      />
    </div>
  );
}
