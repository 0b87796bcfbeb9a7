import type { ReactNode } from 'react';
import type { Locale } from '../../domain';
import { helpText } from './helpText';

/** The help page: the five steps with a picture each, then the columns of each service. */
export function Help({ locale, columns }: { locale: Locale; columns?: ReactNode }) {
  const t = helpText[locale];
  const other = locale === 'ja' ? 'en' : 'ja';
  return (
    <main>
      <p className="lang">
        <a href={`?lang=${other}`} hrefLang={other} lang={other}>
          {t.other}
        </a>
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <ol className="steps">
        {t.steps.map((s) => (
          <li key={s.mark} id={`step-${s.mark}`}>
            <h2>{`${s.mark} ${s.title}`}</h2>
            {s.paragraphs.map((p) => (
              <p key={p}>{p}</p>
            ))}
            <img src={`assets/help/${s.image}`} alt={s.alt} loading="lazy" />
          </li>
        ))}
      </ol>
      <h2 id="columns">{t.columnsTitle}</h2>
      <p>{t.columnsIntro}</p>
      {columns}
    </main>
  );
}
