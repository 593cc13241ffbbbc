package dev.faultline.query.search;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The content words of a text, lower-cased, without the common words that say nothing of a cause. */
public final class Words {

    private static final Set<String> COMMON = Set.copyOf(java.util.List.of(
            "about", "after", "again", "against", "also", "because", "been", "before", "being", "between", "both",
            "could", "does", "done", "down", "during", "each", "from", "have", "having", "here", "into", "itself",
            "just", "more", "most", "much", "must", "only", "other", "over", "same", "should", "some", "such",
            "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under",
            "until", "very", "were", "what", "when", "where", "which", "while", "with", "would", "your", "within",
            "without", "across", "many", "once", "took", "made", "make", "caused", "cause", "causing", "outage",
            "outages", "incident", "incidents", "service", "services", "customers", "users", "hours", "minutes",
            // everyday words that are rare in a small catalogue without saying anything about a cause
            "since", "instead", "went", "good", "past", "whole", "meant", "team", "teams", "return", "returned",
            "visible", "design", "designed", "still", "even", "every", "another", "among", "later", "earlier",
            "first", "last", "next", "able", "like", "well", "back", "came", "come", "went", "gave", "give",
            "given", "take", "taken", "used", "using", "uses", "need", "needed", "thing", "things", "part", "parts",
            "time", "times", "days", "week", "weeks", "year", "years", "local", "world", "began", "start",
            "started", "ended", "stop", "stopped", "also", "already", "around", "away", "whether", "whose",
            "almost", "about", "half", "full", "small", "large", "long", "short", "high", "lower", "higher",
            "according", "said", "says", "told", "company", "companies", "people", "number", "numbers"));

    private Words() {
    }

    public static Set<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 4 && !COMMON.contains(word) && !word.chars().allMatch(Character::isDigit)) {
                words.add(stem(word));
            }
        }
        return words;
    }

    /**
     * A light English stemmer, so that "generated" and "generates", "records" and "record" meet:
     * plural and verb endings only. The index counts the stem with its own (Porter) analysis.
     */
    static String stem(String word) {
        String[][] endings = {{"ies", "y"}, {"sses", "ss"}, {"ing", ""}, {"ed", ""}, {"es", ""}, {"s", ""}};
        for (String[] ending : endings) {
            if (word.endsWith(ending[0]) && !word.endsWith("ss") && word.length() - ending[0].length() >= 4) {
                return word.substring(0, word.length() - ending[0].length()) + ending[1];
            }
        }
        return word;
    }
}
