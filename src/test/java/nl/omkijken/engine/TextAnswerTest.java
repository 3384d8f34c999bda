package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A text question with max_words (a first name) takes a name, not a sentence that asks something else. */
class TextAnswerTest {
    private static Step.Collect name(int maxWords) {
        return new Step.Collect("vraag_naam", "naam", Localized.of("Hoe mag de vrijwilliger je noemen?", "What may the volunteer call you?"),
                Step.SlotType.TEXT, 0, List.of(), null, null, 2, null, "verder", null, null, maxWords);
    }

    @Test
    void aNameIsTakenASentenceIsNot() {
        assertEquals(Optional.of("Joke"), SlotValidation.accept(name(6), "Joke", Understanding.none()));
        assertEquals(Optional.of("ik heet Joke de Vries"), SlotValidation.accept(name(6), "ik heet Joke de Vries", Understanding.none()));
        assertEquals(Optional.empty(), SlotValidation.accept(name(6), "ok. en hoe laat ongeveer? wil niet dat ik m mis", Understanding.none()));
        assertEquals(Optional.of("ok. en hoe laat ongeveer? wil niet dat ik m mis"),
                SlotValidation.accept(name(0), "ok. en hoe laat ongeveer? wil niet dat ik m mis", Understanding.none()), "no limit: any text");
    }
}
