//! Prints every tagged mention of the seeds (debugging aid): doc, paragraph, kind, cue, text.
use dossier::entities::Tagger;

fn main() {
    let docs = dossier::corpus::seed_documents();
    let tagger = Tagger::new();
    for (d, doc) in docs.iter().enumerate() {
        for m in tagger.tag_document(doc) {
            let text = &doc.paragraphs[m.para as usize].text[m.range.clone()];
            println!(
                "{d} {:3} {:12} {:?} {:?} {text:?} {:?}",
                m.para,
                m.kind.as_str(),
                m.cue,
                m.alias_of,
                m.value
            );
        }
    }
}
