package nl.omkijken.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The knowledge base searched (Apache Lucene, in memory, built at start): each article's title and text per
 * language, its topics and districts. A question is read as its language would be ({@link Analyzers}); each of its
 * words counts most in a title, and a word of five letters or more that no article has also counts, less, one letter
 * off (a typo). The
 * question's language weighs more than the other; an article of the asked topic weighs more; a district keeps out
 * articles about other districts. Thread-safe: searches run side by side.
 */
public final class KnowledgeIndex {
    static final String ID = "id";
    static final String TITLE = "title";
    static final String TEXT = "text";
    static final String TOPIC = "topic";
    static final String DISTRICT = "stadsdeel";
    /** An article for all of Den Haag: found whatever district is asked. */
    static final String EVERYWHERE = "*";
    /** Words of a question searched with at most: three clauses each per language stays far below Lucene's 1,024. */
    static final int MAX_TERMS = 60;

    /** One article found: its id, title in the asked language, topics and score (higher is better; not comparable across questions). */
    public record Hit(String id, String title, List<String> topics, float score) {}

    /** What narrows or steers a search: the district (null: any), the topic the conversation is about (null: none). */
    public record Ask(String language, String stadsdeel, String topic) {
        public static Ask in(String language) {
            return new Ask(language, null, null);
        }
    }

    private final KnowledgeBase base;
    private final Analyzer analyzer;
    private final IndexSearcher searcher;

    public KnowledgeIndex(KnowledgeBase base) {
        this.base = base;
        this.analyzer = Analyzers.perField(base.wordParts());
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (Article a : base.articles()) w.addDocument(document(a));
            w.commit();
            this.searcher = new IndexSearcher(DirectoryReader.open(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("the knowledge index could not be built in memory", e);
        }
    }

    public KnowledgeBase base() {
        return base;
    }

    private static Document document(Article a) {
        Document d = new Document();
        d.add(new StringField(ID, a.id(), Field.Store.YES));
        for (String lang : Article.LANGUAGES) {
            d.add(new TextField(TITLE + "_" + lang, a.title().get(lang), Field.Store.NO));
            // The summary is the article in short: part of its text.
            d.add(new TextField(TEXT + "_" + lang, a.summary().get(lang) + "\n" + a.body().get(lang), Field.Store.NO));
        }
        for (String t : a.topics()) d.add(new StringField(TOPIC, t, Field.Store.NO));
        if (a.stadsdelen().isEmpty()) d.add(new StringField(DISTRICT, EVERYWHERE, Field.Store.NO));
        for (String s : a.stadsdelen()) d.add(new StringField(DISTRICT, s, Field.Store.NO));
        return d;
    }

    /** The best {@code max} articles for a question; none when nothing in it matches any article. */
    public List<Hit> search(String question, Ask ask, int max) {
        if (question == null || question.isBlank() || base.articles().isEmpty()) return List.of();
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        int clauses = 0;
        for (String lang : Article.LANGUAGES) {
            float weight = lang.equals(ask.language()) || ask.language() == null ? 1.0f : 0.6f;
            for (String term : terms(TEXT + "_" + lang, question)) {
                words.add(new BoostQuery(new TermQuery(new Term(TITLE + "_" + lang, term)), 2.0f * weight), BooleanClause.Occur.SHOULD);
                words.add(new BoostQuery(new TermQuery(new Term(TEXT + "_" + lang, term)), weight), BooleanClause.Occur.SHOULD);
                // A typo is a word the articles do not have: only such a word is looked for one letter off.
                if (term.length() >= 5 && !known(TEXT + "_" + lang, term)) {
                    words.add(new BoostQuery(new FuzzyQuery(new Term(TEXT + "_" + lang, term), 1, 2), 0.4f * weight),
                            BooleanClause.Occur.SHOULD);
                }
                clauses += 3;
            }
        }
        if (clauses == 0) return List.of();
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.MUST);
        if (ask.topic() != null) q.add(new BoostQuery(new TermQuery(new Term(TOPIC, ask.topic())), 1.5f), BooleanClause.Occur.SHOULD);
        if (ask.stadsdeel() != null) {
            Query district = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(DISTRICT, ask.stadsdeel())), BooleanClause.Occur.SHOULD)
                    .add(new TermQuery(new Term(DISTRICT, EVERYWHERE)), BooleanClause.Occur.SHOULD).build();
            q.add(district, BooleanClause.Occur.FILTER);
        }
        try {
            List<Hit> out = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(q.build(), max).scoreDocs) {
                String id = searcher.storedFields().document(sd.doc).get(ID);
                Article a = base.byId(id);
                String lang = ask.language() != null && Article.LANGUAGES.contains(ask.language()) ? ask.language() : "nl";
                out.add(new Hit(id, a.title().get(lang), a.topics(), sd.score));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("the knowledge index could not be searched", e);
        }
    }

    private boolean known(String field, String term) {
        try {
            return searcher.getIndexReader().docFreq(new Term(field, term)) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The words of a question as the field's analysis gives them (stems, compound parts), each once, the first
     * {@link #MAX_TERMS}: a pasted e-mail is searched by its beginning, and the query stays within Lucene's clause limit.
     */
    private Set<String> terms(String field, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < MAX_TERMS) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
