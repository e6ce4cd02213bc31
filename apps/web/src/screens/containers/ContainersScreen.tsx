import './containers.css';
import { isValidContainerNumber } from '@harbor/shared';
import { useCallback, useState } from 'react';
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
  // What is typed now: once it is another number, the last result no longer answers it.
  const [typed, setTyped] = useState<string | null>(null);
  const isEdited = typed !== null && typed !== url.number;
  const number = isValidContainerNumber(url.number) && !isEdited ? url.number : null;
  return (
    <div className="containers-screen">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <NumberSearch
          key={url.number}
          initial={url.number}
          onSearch={(value) => {
            setTyped(null);
            update({ number: value });
          }}
          onEdit={setTyped}
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
          setTyped(null);
          update({ number: value });
          window.scrollTo({ top: 0 });
        }}
      />
    </div>
  );
}
