/**
 * German function words that carry no meaning for retrieval: articles,
 * pronouns, prepositions, conjunctions, auxiliaries, particles. Written for
 * this project (no third-party list): content words such as "Recht", "Frist",
 * "Jahr" or "Zeit" stay searchable, which generic lists drop.
 * Stored folded (lower case, ß → ss, umlauts → a/o/u) as the analyzer compares them.
 */
const WORDS = `
der die das des dem den ein eine einer eines einem einen kein keine keiner keines keinem keinen
ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihn ihnen
mein meine meiner meines meinem meinen dein deine deiner deines deinem deinen
sein seine seiner seines seinem seinen ihre ihrer ihres ihrem ihren unser unsere unserer unseres unserem unseren
euer eure eurer eures eurem euren
dieser diese dieses diesem diesen jener jene jenes jenem jenen welcher welche welches welchem welchen
derselbe dieselbe dasselbe derjenige diejenige dasjenige dessen deren denen
man jemand niemand etwas nichts alle alles allem allen aller jeder jede jedes jedem jeden
und oder aber sondern denn doch sowie bzw beziehungsweise als wie wenn ob dass dass weil da damit
sodass so auch noch nur schon sehr mehr nicht nein ja
in im ins an am ans auf aus bei beim mit nach von vom zu zum zur uber unter vor hinter neben zwischen
durch fur gegen ohne um bis seit wahrend wegen trotz innerhalb ausserhalb gemass laut statt
ist sind war waren bin bist seid sei seien wird werden wurde wurden worden wirst werdet
hat haben hatte hatten habe hast habt gehabt
kann konnen konnte konnten muss mussen musste mussten soll sollen sollte sollten darf durfen durfte
will wollen wollte mag mochte
es gibt wo was wer wen wem wann warum wieso weshalb welcher
hier dort dann nun also etwa eben ebenso sowie
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
