import { choiceText, columnGuide, profiles, type Locale } from '../../domain';

/** Each service's columns as the 列の説明 sheet lists them: values, rules, an example. */
export function ColumnTables({ locale }: { locale: Locale }) {
  return (
    <>
      {(['eq', 'jairo'] as const).map((id) => {
        const profile = profiles[id];
        const [head, ...lines] = columnGuide(profile, locale, (col, v) => choiceText(col, v, locale));
        return (
          <section key={id} aria-labelledby={`columns-${id}`}>
            <h3 id={`columns-${id}`}>{profile.name[locale]}</h3>
            <table>
              <thead>
                <tr>
                  {head!.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line[0]}>
                    <th scope="row">{line[0]}</th>
                    {line.slice(1).map((cell, i) => (
                      <td key={i}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
