//! Prints every paragraph of the seeds with its kind (debugging aid).
fn main() {
    for d in dossier::corpus::seed_documents() {
        println!("### {} date={:?}", d.name, d.meta.date);
        for (i, p) in d.paragraphs.iter().enumerate() {
            let c = p
                .comment()
                .map(|c| format!(" [{} @ {}]", c.author, c.timestamp))
                .unwrap_or_default();
            println!("{i:3} {:?}{c}: {}", p.kind, p.text);
        }
    }
}
