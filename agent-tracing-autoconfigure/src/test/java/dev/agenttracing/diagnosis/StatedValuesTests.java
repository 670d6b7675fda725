package dev.agenttracing.diagnosis;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an answer states and what its inputs hold, in their normal forms.
 */
class StatedValuesTests {

	@Test
	void numberFormatsOfOneValueShareANormalForm() {
		for (String written : List.of("4900", "4,900", "4.900", "4 900", "4.900,00", "4900.00", "4,900.00")) {
			assertThat(StatedValues.numberForms(written)).as(written).contains("n:4900");
		}
		assertThat(StatedValues.numberForms("49.00")).containsExactly("n:49");
		assertThat(StatedValues.numberForms("4.5")).containsExactly("n:4.5");
		assertThat(StatedValues.numberForms("1.234.567")).containsExactly("n:1234567");
	}

	@Test
	void amountsMeasuresIdsAndDatesAreStatedValues() {
		assertThat(texts("The Pro plan costs 4,900 JPY per month.")).containsExactly("4,900");
		assertThat(texts("It is ¥4900, or $12.50, or 3-5 days, or 15%.")).containsExactly("4900", "12.50", "3", "5",
				"15");
		assertThat(texts("Invoice INV-7731, order ORD-5512, customer c-042, ticket #4521."))
			.containsExactly("INV-7731", "ORD-5512", "c-042", "#4521");
		assertThat(texts("Due 2026-03-04, or March 4, 2026, or 4th March 2026.")).containsExactly("2026-03-04",
				"March 4, 2026", "4th March 2026");
	}

	@Test
	void countsOrdinalsListNumbersAndYearsAreNotStatedValues() {
		assertThat(texts("1. Open Settings\n2. Choose Security, the 2nd menu. I found 3 articles since 2019."))
			.isEmpty();
	}

	@Test
	void inputsHoldEveryNumberIdDateAndNumberWord() {
		Set<String> held = StatedValues.held(List.of("{\"price\":\"4.900,00\",\"id\":\"inv-7731\"}",
				"Delivered on 2026-03-04 within five days"));
		assertThat(held).contains("n:4900", "i:INV-7731", "d:2026-03-04", "n:5", "n:7731");
		assertThat(StatedValues.stated("It arrives on March 4, 2026.").get(0).forms()).containsExactly("d:2026-03-04");
	}

	private static List<String> texts(String answer) {
		return StatedValues.stated(answer).stream().map(StatedValues.Value::text).toList();
	}

}
