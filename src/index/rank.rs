//! BM25 over paragraphs.

/// BM25 parameters and corpus statistics.
#[derive(Debug, Clone, Copy)]
pub struct Bm25 {
    paragraphs: f32,
    avg_len: f32,
}

const K1: f32 = 1.2;
const B: f32 = 0.75;

impl Bm25 {
    pub fn new(paragraphs: u32, avg_len: f32) -> Self {
        Bm25 {
            paragraphs: paragraphs as f32,
            avg_len,
        }
    }

    pub fn idf(&self, doc_freq: u32) -> f32 {
        let df = doc_freq as f32;
        (1.0 + (self.paragraphs - df + 0.5) / (df + 0.5)).ln()
    }

    /// The score of a term occurring `tf` times in a paragraph of `len` tokens.
    pub fn score(&self, idf: f32, tf: u32, len: u32) -> f32 {
        let tf = tf as f32;
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len as f32 / self.avg_len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rarer_terms_and_denser_paragraphs_score_higher() {
        let bm = Bm25::new(1000, 50.0);
        assert!(bm.idf(2) > bm.idf(200));
        let idf = bm.idf(10);
        assert!(bm.score(idf, 3, 50) > bm.score(idf, 1, 50));
        assert!(bm.score(idf, 1, 20) > bm.score(idf, 1, 200));
    }
}
