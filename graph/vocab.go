package graph

import (
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/voc"
	"github.com/cayleygraph/quad/voc/owl"
	"github.com/cayleygraph/quad/voc/rdf"
	"github.com/cayleygraph/quad/voc/rdfs"
	"github.com/cayleygraph/quad/voc/schema"
	"github.com/cayleygraph/quad/voc/xsd"
)

// The graph model (docs/model.md has the worked example).
//
// Every quad carries a label (its named graph):
//   - document, sentence and entity-description quads: the document IRI;
//   - fact quads (the direct triple and its statement node): the sentence IRI.
//
// So a document's quads are exactly those labelled with its IRI or with one
// of its sentences' IRIs, removing a document removes what it contributed,
// and an entity stays while any other document still describes it.
//
//	doc   rdf:type schema:NewsArticle; schema:headline; schema:datePublished
//	      (xsd:date); schema:publisher; schema:author; schema:url (URL
//	      sources) and ng:source (always, the Source string); ng:path (the
//	      file it was read from, when Source is not that); ng:contentHash;
//	      ng:sentenceCount, ng:factCount (xsd:integer); schema:mentions ENTITY
//	sent  rdf:type ng:Sentence; schema:isPartOf doc; schema:text;
//	      ng:index, ng:start, ng:end (xsd:integer byte offsets)
//	ENT   rdf:type schema:Person|…; rdfs:label; skos:altLabel (each alias);
//	      schema:jobTitle (each role); schema:birthDate; ng:mentions (xsd:integer, per
//	      document); owl:sameAs (links). An article-local individual
//	      ("one prisoner") has its IRI under the document: doc/e/person/…
//	CONC  rdf:type skos:Concept; rdfs:label (a common-noun argument, keyed by
//	      its lemmatised phrase: id:concept/north_korean_soldier; not
//	      schema:mentioned)
//	      ng:mentions (xsd:integer, per document); owl:sameAs (links);
//	      ng:country ENT (the entity's country, from the knowledge base);
//	      ng:nameKey (graph.NameKeys: how later articles find it), ng:surnameKey
//	link  LINK rdf:type ng:Link; rdf:subject ENT; rdf:predicate owl:sameAs;
//	      rdf:object IRI; ng:score (xsd:decimal); ng:linkFeatures; ng:kb;
//	      prov:wasDerivedFrom doc   (labelled with the document)
//	fact  SUBJ rel:RELATION OBJ      (only when not negated, SUBJ is an entity
//	                                  and there is an object that is not an
//	                                  unresolved pronoun)
//	      STMT rdf:type rdf:Statement; ng:factId; rdf:subject; rdf:predicate; rdf:object;
//	      prov:wasDerivedFrom sent; ng:relationText; ng:subjectText;
//	      ng:objectText; ng:unit; ng:time; ng:date (xsd:date/gYearMonth/gYear);
//	      ng:place; ng:negated (xsd:boolean); ng:modality; ng:condition;
//	      prov:wasAttributedTo SPEAKER; ng:quote; ng:confidence (xsd:decimal);
//	      ng:arg_PREP ARG (one per extra argument, e.g. ng:arg_to; ng:arg without one);
//	      ng:spans "SS SE RS RE OS OE" (byte offsets of the parts in the text)
const (
	// Base is the root of every IRI newsgraph mints.
	Base = "https://newsgraph.dev/"
	// NS is newsgraph's own vocabulary (classes and properties).
	NS = Base + "ns#"
	// RelNS is the namespace of fact relations: RelNS + "hand_over".
	RelNS = Base + "rel/"
	// EntityNS is the namespace of entity IRIs: EntityNS + "john_kirby",
	// EntityNS + "wd/Q159" for entities linked to Wikidata (see EntityIRI).
	EntityNS = Base + "id/"
	// ConceptNS is where concepts live: ConceptNS + "north_korean_soldier".
	ConceptNS = EntityNS + "concept/"
	// DocNS is the namespace of document IRIs: DocNS + 16 hex digits.
	DocNS = Base + "doc/"

	SKOSNS = "http://www.w3.org/2004/02/skos/core#"
	PROVNS = "http://www.w3.org/ns/prov#"
)

// Predicates and classes, as full IRIs.
const (
	RDFType      = rdf.NS + "type"
	RDFStatement = rdf.NS + "Statement"
	RDFSubject   = rdf.NS + "subject"
	RDFPredicate = rdf.NS + "predicate"
	RDFObject    = rdf.NS + "object"
	RDFSLabel    = rdfs.NS + "label"
	OWLSameAs    = owl.NS + "sameAs"
	SKOSAltLabel = SKOSNS + "altLabel"
	SKOSConcept  = SKOSNS + "Concept" // class of common-noun arguments (Entity.Type Concept)

	SchemaNewsArticle   = schema.NS + "NewsArticle"
	SchemaHeadline      = schema.NS + "headline"
	SchemaDatePublished = schema.NS + "datePublished"
	SchemaPublisher     = schema.NS + "publisher"
	SchemaAuthor        = schema.NS + "author"
	SchemaURL           = schema.NS + "url"
	SchemaMentions      = schema.NS + "mentions"
	SchemaIsPartOf      = schema.NS + "isPartOf"
	SchemaText          = schema.NS + "text"
	SchemaJobTitle      = schema.NS + "jobTitle"  // a person's title or role (Entity.Roles)
	SchemaBirthDate     = schema.NS + "birthDate" // Entity.Born

	ProvDerivedFrom    = PROVNS + "wasDerivedFrom"
	ProvAttributedTo   = PROVNS + "wasAttributedTo"
	NGSentence         = NS + "Sentence"
	NGSource           = NS + "source"
	NGPath             = NS + "path" // the file a document stored under a URL was read from
	NGContentHash      = NS + "contentHash"
	NGPipeline         = NS + "pipeline"
	NGIndex            = NS + "index"
	NGStart            = NS + "start"
	NGEnd              = NS + "end"
	NGMentions         = NS + "mentions"
	NGRelationText     = NS + "relationText"
	NGSubjectText      = NS + "subjectText"
	NGObjectText       = NS + "objectText"
	NGUnit             = NS + "unit"
	NGTime             = NS + "time"
	NGDate             = NS + "date"
	NGPlace            = NS + "place"
	NGNegated          = NS + "negated"
	NGModality         = NS + "modality"
	NGCondition        = NS + "condition"
	NGQuote            = NS + "quote"
	NGConfidence       = NS + "confidence"
	NGArgPrefix        = NS + "arg_" // + preposition
	NGArg              = NS + "arg"  // an extra argument without a preposition
	NGSentenceCount    = NS + "sentenceCount"
	NGFactCount        = NS + "factCount"
	NGFactID           = NS + "factId" // FactID of a statement: "1f3a9c2e.12.3"
	NGCountry          = NS + "country"
	NGLink             = NS + "Link"
	NGNameKey          = NS + "nameKey"
	NGSurnameKey       = NS + "surnameKey"
	NGScore            = NS + "score"
	NGLinkFeatures     = NS + "linkFeatures"
	NGKB               = NS + "kb"
	NGSpans            = NS + "spans" // "SS SE RS RE OS OE": byte offsets of subject, relation, object in the text (-1: none)
	XSDInteger         = xsd.NS + "integer"
	XSDDecimal         = xsd.NS + "decimal"
	XSDBoolean         = xsd.NS + "boolean"
	XSDDate            = xsd.NS + "date"
	XSDGYearMonth      = xsd.NS + "gYearMonth"
	XSDGYear           = xsd.NS + "gYear"
	SchemaPerson       = schema.NS + "Person"
	SchemaOrganization = schema.NS + "Organization"
	SchemaPlace        = schema.NS + "Place"
	SchemaCountry      = schema.NS + "Country"
	SchemaCity         = schema.NS + "City"
	SchemaThing        = schema.NS + "Thing"
)

func init() {
	// Registries are the one global state the house style allows: make the
	// prefixes we use known to the quad library's ShortIRI/FullIRI.
	voc.Register(voc.Namespace{Full: NS, Prefix: "ng:"})
	voc.Register(voc.Namespace{Full: RelNS, Prefix: "rel:"})
	voc.Register(voc.Namespace{Full: EntityNS, Prefix: "id:"})
	voc.Register(voc.Namespace{Full: DocNS, Prefix: "doc:"})
	voc.Register(voc.Namespace{Full: SKOSNS, Prefix: "skos:"})
	voc.Register(voc.Namespace{Full: PROVNS, Prefix: "prov:"})
}

// IRI is a shorthand for quad.IRI.
func IRI(s string) quad.IRI { return quad.IRI(s) }
