package dev.faultline.importer;

import dev.faultline.api.command.*;
import dev.faultline.api.document.IncidentDocument;
import dev.faultline.api.document.IncidentDocument.*;
import dev.faultline.api.query.IncidentView;
import dev.faultline.api.value.Confidence;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.api.value.TimePrecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a document into the commands that make the stored incident match it: all of them for a
 * new incident, only the differences for a known one (added facts, corrections, retractions,
 * status moves), none when nothing changed. A pure function of (current state, document).
 *
 * <p>Facts the model cannot change once recorded (statements, contributing factors, remediation
 * text) are {@link Conflict}s when a document changes them. Timeline entries and root causes the
 * document no longer lists are retracted: the document is the team's current truth.
 */
public final class DocumentCommands {

    /** One command and the JSON pointer of the document part it comes from. */
    public record Step(String pointer, IncidentCommand command) {
    }

    /** A change the event model cannot express; the whole document is refused. */
    public record Conflict(String pointer, String message) {
    }

    /**
     * A stored fact the document no longer lists, of a kind that cannot be removed (statements,
     * contributing factors, remediations): it stays, and the import says so.
     */
    public record Kept(String pointer, String message) {
    }

    public record Plan(List<Step> steps, List<Conflict> conflicts, List<Kept> kept) {
    }

    private static final String REMOVED = "removed from the imported document";

    private DocumentCommands() {
    }

    public static Plan plan(Optional<IncidentView> current, IncidentDocument doc) {
        Planner p = new Planner(doc.id());
        IncidentView now = current.orElse(null);
        if (now == null) {
            p.add("", new DeclareIncident(doc.id(), doc.title(), doc.organization(), doc.severity(), doc.startedAt(),
                    doc.startPrecision(), doc.summary(), doc.affectedServices(), doc.sources()));
        } else {
            p.details(now, doc);
        }
        p.timeline(now == null ? List.of() : now.timeline(), list(doc.timeline()));
        p.statements(now == null ? List.of() : now.statements(), list(doc.statements()));
        p.rootCauses(now == null ? List.of() : now.rootCauses(), list(doc.rootCauses()));
        p.factors(now == null ? List.of() : now.contributingFactors(), list(doc.contributingFactors()));
        p.impact(now == null ? null : now.impact(), doc.impact());
        p.remediations(now == null ? List.of() : now.remediations(), list(doc.remediations()));
        p.resolution(now == null ? null : now.resolution(), doc.resolution());
        p.links(now == null ? List.of() : now.links(), list(doc.links()));
        return new Plan(List.copyOf(p.steps), List.copyOf(p.conflicts), List.copyOf(p.kept));
    }

    private static final class Planner {
        final String id;
        final List<Step> steps = new ArrayList<>();
        final List<Conflict> conflicts = new ArrayList<>();
        final List<Kept> kept = new ArrayList<>();

        Planner(String id) {
            this.id = id;
        }

        void add(String pointer, IncidentCommand command) {
            steps.add(new Step(pointer, command));
        }

        void details(IncidentView now, IncidentDocument doc) {
            ReviseIncidentDetails revise = new ReviseIncidentDetails(id,
                    changed(doc.title(), now.title()), changed(doc.organization(), now.organization()),
                    changed(doc.severity(), now.severity()), changed(doc.startedAt(), now.startedAt()),
                    changed(precision(doc.startPrecision()), now.startPrecision()),
                    changed(doc.summary(), now.summary()), changed(list(doc.affectedServices()), now.affectedServices()),
                    changed(list(doc.sources()), now.sources()), null);
            if (revise.title() != null || revise.organization() != null || revise.severity() != null
                    || revise.startedAt() != null || revise.startPrecision() != null || revise.summary() != null
                    || revise.affectedServices() != null || revise.sources() != null) {
                add("", revise);
            }
        }

        void timeline(List<IncidentView.TimelineEntry> stored, List<Entry> wanted) {
            Map<String, IncidentView.TimelineEntry> byId = index(stored, IncidentView.TimelineEntry::id);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < wanted.size(); i++) {
                Entry e = wanted.get(i);
                String at = "/timeline/" + i;
                seen.add(e.id());
                IncidentView.TimelineEntry old = byId.get(e.id());
                if (old == null) {
                    add(at, new RecordTimelineEntry(id, e.id(), e.at(), e.precision(), e.kind(), e.text(), e.source(),
                            e.confidence(), null));
                } else if (old.retracted() == null && !(Objects.equals(old.at(), e.at())
                        && old.precision() == precision(e.precision()) && old.kind() == e.kind()
                        && Objects.equals(old.text(), e.text()) && Objects.equals(old.source(), e.source())
                        && confidence(old.confidence()) == confidence(e.confidence()))) {
                    add(at, new CorrectTimelineEntry(id, e.id(), e.at(), e.precision(), e.kind(), e.text(), e.source(),
                            e.confidence(), "corrected by import", null));
                }
                boolean retractedBefore = old != null && old.retracted() != null;
                if (e.retracted() != null && !retractedBefore) {
                    add(at + "/retracted", new RetractTimelineEntry(id, e.id(), e.retracted().reason(), null));
                } else if (e.retracted() == null && retractedBefore) {
                    conflicts.add(new Conflict(at + "/retracted", "timeline entry " + e.id()
                            + " was retracted; a retraction cannot be undone (record a new entry instead)"));
                }
            }
            for (IncidentView.TimelineEntry old : stored) {
                if (!seen.contains(old.id()) && old.retracted() == null) {
                    add("/timeline", new RetractTimelineEntry(id, old.id(), REMOVED, null));
                }
            }
        }

        void statements(List<IncidentView.Statement> stored, List<Statement> wanted) {
            Map<String, IncidentView.Statement> byId = index(stored, IncidentView.Statement::id);
            for (int i = 0; i < wanted.size(); i++) {
                Statement s = wanted.get(i);
                IncidentView.Statement old = byId.get(s.id());
                if (old == null) {
                    add("/statements/" + i, new PublishStatement(id, s.id(), s.speaker(), s.role(), s.publishedAt(),
                            s.precision(), s.channel(), s.quote(), s.source(), s.confidence(), null));
                } else if (!(Objects.equals(old.speaker(), s.speaker()) && Objects.equals(old.role(), s.role())
                        && Objects.equals(old.publishedAt(), s.publishedAt()) && old.precision() == precision(s.precision())
                        && old.channel() == s.channel() && Objects.equals(old.quote(), s.quote())
                        && Objects.equals(old.source(), s.source()) && confidence(old.confidence()) == confidence(s.confidence()))) {
                    conflicts.add(new Conflict("/statements/" + i, "statement " + s.id()
                            + " is already published with other content; a statement cannot be changed"));
                }
            }
            keep("/statements", "statement", stored, wanted, IncidentView.Statement::id, Statement::id,
                    "a published statement cannot be removed");
        }

        /** Reports stored facts of a kind that cannot be removed when the document leaves them out. */
        <S, W> void keep(String pointer, String kind, List<S> stored, List<W> wanted, Function<S, String> storedId,
                         Function<W, String> wantedId, String why) {
            Set<String> listed = wanted.stream().map(wantedId).collect(Collectors.toSet());
            for (S old : stored) {
                if (!listed.contains(storedId.apply(old))) {
                    kept.add(new Kept(pointer, kind + " " + storedId.apply(old) + " is stored but not in the document; "
                            + "it was kept: " + why));
                }
            }
        }

        void rootCauses(List<IncidentView.RootCause> stored, List<RootCause> wanted) {
            Map<String, IncidentView.RootCause> byId = index(stored, IncidentView.RootCause::id);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < wanted.size(); i++) {
                RootCause c = wanted.get(i);
                String at = "/rootCauses/" + i;
                seen.add(c.id());
                IncidentView.RootCause old = byId.get(c.id());
                boolean ruledOutBefore = old != null && old.ruledOut() != null;
                if (old == null) {
                    add(at, new IdentifyRootCause(id, c.id(), c.summary(), c.labels(), c.identifiedAt(), c.source(),
                            c.confidence(), null));
                } else if (!ruledOutBefore && !(Objects.equals(old.summary(), c.summary())
                        && Objects.equals(old.labels(), list(c.labels()).stream().distinct().toList())
                        && Objects.equals(old.identifiedAt(), c.identifiedAt()) && Objects.equals(old.source(), c.source())
                        && confidence(old.confidence()) == confidence(c.confidence()))) {
                    add(at, new ReviseRootCause(id, c.id(), c.summary(), c.labels(), c.identifiedAt(), c.source(),
                            c.confidence(), "revised by import", null));
                }
                if (c.ruledOut() != null && !ruledOutBefore) {
                    add(at + "/ruledOut", new RuleOutRootCause(id, c.id(), c.ruledOut().at(), c.ruledOut().reason(), null));
                } else if (c.ruledOut() == null && ruledOutBefore) {
                    conflicts.add(new Conflict(at + "/ruledOut", "root cause " + c.id()
                            + " was ruled out; that cannot be undone (identify a new cause instead)"));
                }
            }
            for (IncidentView.RootCause old : stored) {
                if (!seen.contains(old.id()) && old.ruledOut() == null) {
                    add("/rootCauses", new RuleOutRootCause(id, old.id(), null, REMOVED, null));
                }
            }
        }

        void factors(List<IncidentView.ContributingFactor> stored, List<Factor> wanted) {
            Map<String, IncidentView.ContributingFactor> byId = index(stored, IncidentView.ContributingFactor::id);
            for (int i = 0; i < wanted.size(); i++) {
                Factor f = wanted.get(i);
                IncidentView.ContributingFactor old = byId.get(f.id());
                if (old == null) {
                    add("/contributingFactors/" + i, new AddContributingFactor(id, f.id(), f.text(), f.labels(),
                            f.source(), f.confidence(), null));
                } else if (!(Objects.equals(old.text(), f.text())
                        && Objects.equals(old.labels(), list(f.labels()).stream().distinct().toList())
                        && Objects.equals(old.source(), f.source()) && confidence(old.confidence()) == confidence(f.confidence()))) {
                    conflicts.add(new Conflict("/contributingFactors/" + i, "contributing factor " + f.id()
                            + " is already recorded with other content; it cannot be changed"));
                }
            }
            keep("/contributingFactors", "contributing factor", stored, wanted, IncidentView.ContributingFactor::id,
                    Factor::id, "a recorded factor cannot be removed");
        }

        void impact(IncidentView.Impact stored, Impact wanted) {
            if (wanted == null) {
                return;
            }
            boolean same = stored != null && Objects.equals(stored.description(), wanted.description())
                    && Objects.equals(stored.affectedServices(), list(wanted.affectedServices()))
                    && Objects.equals(stored.figures(), list(wanted.figures()))
                    && Objects.equals(stored.source(), wanted.source()) && confidence(stored.confidence()) == confidence(wanted.confidence());
            if (!same) {
                add("/impact", new AssessImpact(id, wanted.description(), wanted.affectedServices(), wanted.figures(),
                        wanted.source(), wanted.confidence(), null));
            }
        }

        void remediations(List<IncidentView.Remediation> stored, List<Remediation> wanted) {
            Map<String, IncidentView.Remediation> byId = index(stored, IncidentView.Remediation::id);
            for (int i = 0; i < wanted.size(); i++) {
                Remediation r = wanted.get(i);
                String at = "/remediations/" + i;
                IncidentView.Remediation old = byId.get(r.id());
                RemediationStatus from = RemediationStatus.PROPOSED;
                if (old == null) {
                    add(at, new ProposeRemediation(id, r.id(), r.description(), r.type(), r.owner(), r.dueDate(),
                            r.source(), r.confidence(), null));
                } else {
                    from = old.status();
                    if (!(Objects.equals(old.description(), r.description()) && old.type() == r.type()
                            && Objects.equals(old.owner(), r.owner()) && Objects.equals(old.dueDate(), r.dueDate())
                            && Objects.equals(old.source(), r.source()) && confidence(old.confidence()) == confidence(r.confidence()))) {
                        conflicts.add(new Conflict(at, "remediation " + r.id()
                                + " is already proposed with other content; only its status can change"));
                    }
                }
                RemediationStatus to = r.status() == null ? from : r.status();
                if (to != from) {
                    if (from.canMoveTo(to)) {
                        add(at + "/status", new ChangeRemediationStatus(id, r.id(), to, null, r.statusAt(),
                                r.statusPrecision(), null));
                    } else {
                        conflicts.add(new Conflict(at + "/status", "remediation " + r.id() + " cannot move from "
                                + from + " to " + to));
                    }
                }
            }
            keep("/remediations", "remediation", stored, wanted, IncidentView.Remediation::id, Remediation::id,
                    "a proposed action cannot be removed; give it status ABANDONED to drop it");
        }

        void resolution(IncidentView.Resolution stored, Resolution wanted) {
            if (wanted == null) {
                return;
            }
            boolean same = stored != null && Objects.equals(stored.resolvedAt(), wanted.resolvedAt())
                    && stored.precision() == (wanted.resolvedAt() == null ? null : precision(wanted.precision())) && Objects.equals(stored.how(), wanted.how())
                    && Objects.equals(stored.source(), wanted.source()) && confidence(stored.confidence()) == confidence(wanted.confidence());
            if (!same) {
                add("/resolution", new ResolveIncident(id, wanted.resolvedAt(), wanted.precision(), wanted.how(),
                        wanted.source(), wanted.confidence(), null));
            }
        }

        void links(List<IncidentView.Link> stored, List<Link> wanted) {
            Set<String> have = stored.stream().map(l -> l.incidentId() + "/" + l.relation()).collect(Collectors.toSet());
            Set<String> want = new HashSet<>();
            for (int i = 0; i < wanted.size(); i++) {
                Link l = wanted.get(i);
                want.add(l.incidentId() + "/" + l.relation());
                if (!have.contains(l.incidentId() + "/" + l.relation())) {
                    add("/links/" + i, new LinkIncident(id, l.incidentId(), l.relation(), l.note(), null));
                }
            }
            for (IncidentView.Link old : stored) {
                if (!want.contains(old.incidentId() + "/" + old.relation())) {
                    add("/links", new UnlinkIncident(id, old.incidentId(), old.relation(), null));
                }
            }
        }
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        Map<String, T> map = new HashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> T changed(T wanted, T current) {
        return wanted == null || wanted.equals(current) ? null : wanted;
    }

    private static TimePrecision precision(TimePrecision p) {
        return p == null ? TimePrecision.EXACT : p;
    }

    /**
     * For comparing a document with what is stored: none given and UNVERIFIED are the same (events
     * before 2026-12-04 recorded UNVERIFIED where none was given), so a re-import changes nothing.
     */
    private static Confidence confidence(Confidence c) {
        return c == null ? Confidence.UNVERIFIED : c;
    }
}
