import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ShownOnce } from '../../ui/shown-once.tsx';
import { formatLocalTime } from './format.ts';

/** `dispatch.proofLink`, held by the drawer: it looks for the phone's photos while a link is out. */
export function useProofLink() {
  return useMutation(trpc.dispatch.proofLink.mutationOptions());
}

type ProofLinkMutation = ReturnType<typeof useProofLink>;

/**
 * The link a dispatcher sends the driver's phone for the delivery photo, when the truck has
 * no camera (`dispatch.proofLink`): shown once, in full, with a copy button; a new one
 * replaces it.
 */
export function PhoneLink({ jobId, link }: { jobId: string; link: ProofLinkMutation }) {
  const { t, i18n } = useTranslation('dispatch');
  // The drawer may have moved on to another job since the link was made.
  const isThisJobs = link.variables?.jobId === jobId;
  const made = isThisJobs ? link.data : undefined;
  const error = isThisJobs ? link.error : null;
  return (
    <div className="dispatch-phone-link" data-testid="phone-link">
      <button
        type="button"
        disabled={link.isPending}
        onClick={() => link.mutate({ jobId })}
        data-testid="phone-link-make"
      >
        {made ? t('detail.phoneLinkRenew') : t('detail.phoneLink')}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          <ErrorText error={error} />
        </p>
      ) : null}
      {made ? (
        <>
          <ShownOnce
            label={t('detail.phoneLinkLabel')}
            value={`${window.location.origin}${made.url}`}
            testId="phone-link-url"
          />
          <p className="hint">
            {t('detail.phoneLinkHint', {
              expiresAt: formatLocalTime(made.expiresAt, i18n.language),
            })}
          </p>
        </>
      ) : null}
    </div>
  );
}
