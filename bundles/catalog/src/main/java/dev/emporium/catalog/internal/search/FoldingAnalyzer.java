package dev.emporium.catalog.internal.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words as shoppers type them: lowercased and without accents, so "rose" finds "Rosé" and "chateau" finds
 * "Château". No stemming and no stop words: the catalog speaks several languages and product names are short.
 * Wired in code rather than through Lucene's analysis SPI, so nothing depends on service files inside OSGi.
 */
final class FoldingAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
    }

    /** Prefix and fuzzy terms of the query parser go through here, so "Rosé*" is folded like the indexed words. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    /** Keeps a phrase from matching across two values of a multi-valued field (two list items, two languages). */
    @Override
    public int getPositionIncrementGap(String fieldName) {
        return 100;
    }
}
