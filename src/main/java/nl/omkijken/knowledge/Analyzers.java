package nl.omkijken.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.HyphenationCompoundWordTokenFilter;
import org.apache.lucene.analysis.compound.hyphenation.HyphenationTree;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.xml.sax.InputSource;

/**
 * How the knowledge search reads text. Dutch: lower case, compounds split by the Dutch hyphenation patterns into
 * the knowledge base's own word parts (Lucene's {@link HyphenationCompoundWordTokenFilter}; the patterns split,
 * the curated parts say which pieces are words, which keeps junk like "ding" out), stop words out, accents folded,
 * Snowball's Dutch stemmer. English: Lucene's {@link EnglishAnalyzer}. Fields ending in {@code _nl} or {@code _en}
 * get their language's.
 */
final class Analyzers {
    private static final String PATTERNS = "/nl/omkijken/knowledge/hyph_nl.xml";
    private static volatile HyphenationTree tree;

    private Analyzers() {}

    /** The Dutch hyphenation patterns, read once (a fifth of a second). */
    static HyphenationTree dutchHyphenation() {
        HyphenationTree t = tree;
        if (t != null) return t;
        synchronized (Analyzers.class) {
            if (tree == null) {
                try (InputStream in = Analyzers.class.getResourceAsStream(PATTERNS)) {
                    if (in == null) throw new IllegalStateException("the Dutch hyphenation patterns are missing from the jar: " + PATTERNS);
                    tree = HyphenationCompoundWordTokenFilter.getHyphenationTree(new InputSource(in));
                } catch (IOException e) {
                    throw new IllegalStateException("the Dutch hyphenation patterns cannot be read", e);
                }
            }
            return tree;
        }
    }

    /** The Dutch analysis, with these word parts for compounds. */
    static Analyzer dutch(List<String> wordParts) {
        HyphenationTree patterns = dutchHyphenation();
        CharArraySet parts = new CharArraySet(wordParts, true);
        CharArraySet stop = DutchAnalyzer.getDefaultStopSet();
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new LowerCaseFilter(source);
                // Whole words stay; their parts come beside them ("vrijwilligersvergoeding", "vrijwilligers", "vergoeding").
                s = new HyphenationCompoundWordTokenFilter(s, patterns, parts, 6, 3, 20, false);
                s = new StopFilter(s, stop);
                s = new ASCIIFoldingFilter(s);
                s = new SnowballFilter(s, new org.tartarus.snowball.ext.DutchStemmer());
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /** Per field: {@code *_nl} Dutch, {@code *_en} English, anything else as written (ids, topics). */
    static Analyzer perField(List<String> wordParts) {
        Analyzer nl = dutch(wordParts);
        Analyzer en = new EnglishAnalyzer();
        return new PerFieldAnalyzerWrapper(new org.apache.lucene.analysis.core.KeywordAnalyzer(),
                Map.of(KnowledgeIndex.TITLE + "_nl", nl, KnowledgeIndex.TEXT + "_nl", nl,
                        KnowledgeIndex.TITLE + "_en", en, KnowledgeIndex.TEXT + "_en", en));
    }
}
