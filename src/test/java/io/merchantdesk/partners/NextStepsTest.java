package io.merchantdesk.partners;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PRT-2: every cell of the seed's status table (status × type × sales support). */
class NextStepsTest {
    @Test
    @DisplayName("PRT-2: Submitted depends on type and on whether sales support was requested")
    void prt2Submitted() {
        assertTrue(NextSteps.of(LeadStatus.SUBMITTED, LeadType.PLUS, true, null).contains("our sales team will review the lead"));
        assertTrue(NextSteps.of(LeadStatus.SUBMITTED, LeadType.PLUS, false, null).contains("contact your sales representative to set up the contract"));
        assertTrue(NextSteps.of(LeadStatus.SUBMITTED, LeadType.POS, true, null).startsWith("We have received your lead for review."));
        assertTrue(NextSteps.of(LeadStatus.SUBMITTED, LeadType.POS, true, null).contains("our sales team will review the lead"));
        String posNoSupport = NextSteps.of(LeadStatus.SUBMITTED, LeadType.POS, false, null);
        assertTrue(posNoSupport.contains("payout according to the campaign terms"));
        assertTrue(posNoSupport.contains("stay Submitted"));
    }

    @Test
    @DisplayName("PRT-2/PRT-3: a POS lead without sales support tells its payout outcome while it stays Submitted")
    void prt3PayoutText() {
        assertTrue(NextSteps.of(LeadStatus.SUBMITTED, LeadType.POS, false, PayoutOutcome.AWARDED).endsWith("A payout has been awarded for this lead."));
        assertTrue(NextSteps.of(LeadStatus.SUBMITTED, LeadType.POS, false, PayoutOutcome.INELIGIBLE).endsWith("not eligible for a payout."));
    }

    @Test
    @DisplayName("PRT-2: In progress, Won and Not qualified per type")
    void prt2LaterStatuses() {
        assertTrue(NextSteps.of(LeadStatus.IN_PROGRESS, LeadType.PLUS, true, null).contains("actively selling to this lead together with you"));
        assertEquals("The lead is in contact with our sales team.", NextSteps.of(LeadStatus.IN_PROGRESS, LeadType.PLUS, false, null));
        assertEquals("Our sales team is working on your lead.", NextSteps.of(LeadStatus.IN_PROGRESS, LeadType.POS, true, null));
        assertTrue(NextSteps.of(LeadStatus.WON, LeadType.PLUS, true, null).contains("earn a commission"));
        assertTrue(NextSteps.of(LeadStatus.WON, LeadType.POS, true, null).contains("completed the sales cycle"));
        assertTrue(NextSteps.of(LeadStatus.NOT_QUALIFIED, LeadType.PLUS, false, null).contains("not earned a commission"));
        assertTrue(NextSteps.of(LeadStatus.NOT_QUALIFIED, LeadType.POS, true, null).contains("not eligible for a payout"));
    }

    @Test
    @DisplayName("PRT-2: allowed transitions; WON and NOT_QUALIFIED are closed")
    void prt2Transitions() {
        assertTrue(LeadStatus.SUBMITTED.canBecome(LeadStatus.IN_PROGRESS));
        assertTrue(LeadStatus.SUBMITTED.canBecome(LeadStatus.NOT_QUALIFIED));
        assertFalse(LeadStatus.SUBMITTED.canBecome(LeadStatus.WON));
        assertTrue(LeadStatus.IN_PROGRESS.canBecome(LeadStatus.WON));
        assertFalse(LeadStatus.WON.canBecome(LeadStatus.IN_PROGRESS));
        assertTrue(LeadStatus.NOT_QUALIFIED.next().isEmpty());
    }

    @Test
    @DisplayName("PRT-1: URL hosts are normalised for duplicate detection; non-http URLs are refused")
    void prt1Hosts() {
        assertEquals("nordsko.no", LeadInput.host("https://www.Nordsko.no/shop?x=1"));
        assertNull(LeadInput.host("ftp://nordsko.no"));
        assertNull(LeadInput.host("https://localhost"));
        assertNull(LeadInput.host("not a url"));
    }
}
