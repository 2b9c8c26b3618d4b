/**
 * The crop form. Without JavaScript it is a plain multipart form: zoom and position sliders, "Update preview" and
 * "Save", each answered by the server with a freshly rendered photo. With JavaScript the same sliders move the
 * square live, and dragging on the photo moves it too. Everything is drawn with SVG attributes, since the CSP
 * allows no inline styles.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useRef, useState, type PointerEvent } from "react";
import { ZPhotoCrop } from "~/photos/schemas";
import { cropBox, GUIDES, PHOTO_PX, USCIS_GUIDANCE, ZOOM_MAX, ZOOM_MIN, type Crop, type CropBox } from "~/photos/uscis-photo";

export type PhotoCheckView = { code: string; message: string };

export type CropView = {
  working: string;
  width: number;
  height: number;
  crop: Crop;
  preview: string;
  checks: PhotoCheckView[];
  kilobytes: number;
  fieldErrors: Record<string, string[]>;
};

const round = (value: number, step: number) => Math.round(value / step) * step;

function Guides({ box }: { box?: CropBox }) {
  const { eyeBand, headMin, headMax } = GUIDES;
  const transform = box ? `translate(${box.left} ${box.top}) scale(${box.side / PHOTO_PX})` : undefined;
  return (
    <g transform={transform} aria-hidden="true" pointerEvents="none">
      <rect x="0" y={eyeBand.top} width={PHOTO_PX} height={eyeBand.bottom - eyeBand.top} fill="#1d4ed8" fillOpacity="0.16" />
      <line x1="0" x2={PHOTO_PX} y1={eyeBand.top} y2={eyeBand.top} stroke="#1d4ed8" strokeWidth="2" />
      <line x1="0" x2={PHOTO_PX} y1={eyeBand.bottom} y2={eyeBand.bottom} stroke="#1d4ed8" strokeWidth="2" />
      <line x1={PHOTO_PX / 2} x2={PHOTO_PX / 2} y1="0" y2={PHOTO_PX} stroke="#15803d" strokeWidth="1.5" strokeDasharray="6 6" />
      <ellipse cx={headMin.cx} cy={headMin.cy} rx={headMin.rx} ry={headMin.ry} fill="none" stroke="#b45309" strokeWidth="2.5" strokeDasharray="10 6" />
      <ellipse cx={headMax.cx} cy={headMax.cy} rx={headMax.rx} ry={headMax.ry} fill="none" stroke="#b45309" strokeWidth="2.5" />
    </g>
  );
}

const sameCrop = (a: Crop, b: Crop) => a.zoom === b.zoom && a.centerX === b.centerX && a.centerY === b.centerY;

export function CropEditor({ view }: { view: CropView }) {
  const [crop, setCrop] = useState<Crop>(view.crop);
  const [rendered, setRendered] = useState(view);
  // A new server answer (after "Update preview") resets the sliders to what the server used.
  if (rendered !== view) {
    setRendered(view);
    setCrop(view.crop);
  }
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const overview = useRef<SVGSVGElement>(null);
  const dragging = useRef(false);
  const size = { width: view.width, height: view.height };
  const box = cropBox(size, crop);
  const upToDate = sameCrop(crop, view.crop);
  const imageHref = `data:image/jpeg;base64,${view.working}`;

  function moveTo(event: PointerEvent<SVGSVGElement>) {
    const svg = overview.current;
    const toPhoto = svg?.getScreenCTM()?.inverse();
    if (!svg || !toPhoto) return;
    // Through the SVG's own transform, so letterboxing (a photo narrower than its frame) does not skew the point.
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(toPhoto);
    const percent = (value: number, of: number) => round(Math.min(100, Math.max(0, (value / of) * 100)), 0.5);
    setCrop((current) => ({ ...current, centerX: percent(point.x, view.width), centerY: percent(point.y, view.height) }));
  }

  return (
    <Form method="post" encType="multipart/form-data" className="card stack" aria-labelledby="crop-title">
      <h2 id="crop-title">Choose the square</h2>
      <p className="hint">
        Move and zoom until the head fits between the two orange ovals and the eyes are in the blue band. Drag on the photo, or use the sliders and
        press Update preview.
      </p>
      <input type="hidden" name="working" value={view.working} />
      <div className="id-photo-layout">
        <figure className="id-photo-figure">
          <svg
            ref={overview}
            className="id-photo-overview"
            viewBox={`0 0 ${view.width} ${view.height}`}
            role="img"
            aria-label="Your photo with the chosen square"
            onPointerDown={(event) => {
              dragging.current = true;
              event.currentTarget.setPointerCapture(event.pointerId);
              moveTo(event);
            }}
            onPointerMove={(event) => dragging.current && moveTo(event)}
            onPointerUp={() => (dragging.current = false)}
          >
            <image href={imageHref} width={view.width} height={view.height} />
            <path
              d={`M0 0H${view.width}V${view.height}H0Z M${box.left} ${box.top}v${box.side}h${box.side}v-${box.side}Z`}
              fill="#000"
              fillOpacity="0.45"
              fillRule="evenodd"
            />
            <rect x={box.left} y={box.top} width={box.side} height={box.side} fill="none" stroke="#fff" strokeWidth={Math.max(2, view.width / 300)} />
            <Guides box={box} />
          </svg>
          <figcaption className="muted">
            {`Your photo (${view.width} x ${view.height} pixels after rotating and resizing; the location and camera data are removed).`}
          </figcaption>
        </figure>
        <figure className="id-photo-figure">
          <svg className="id-photo-preview" viewBox={`0 0 ${PHOTO_PX} ${PHOTO_PX}`} role="img" aria-label="Preview of the 2 x 2 inch photo with guide lines">
            {upToDate ? (
              <image href={view.preview} width={PHOTO_PX} height={PHOTO_PX} />
            ) : (
              <svg viewBox={`${box.left} ${box.top} ${box.side} ${box.side}`} width={PHOTO_PX} height={PHOTO_PX}>
                <image href={imageHref} width={view.width} height={view.height} />
              </svg>
            )}
            <Guides />
          </svg>
          <figcaption className="muted">
            {upToDate ? `The 2 x 2 inch photo: 600 x 600 pixels, 300 dpi, ${view.kilobytes} KB.` : "Live preview: press Update preview to check this square."}
          </figcaption>
        </figure>
        <section aria-labelledby="guidance-title" className="id-photo-guidance">
          <h3 id="guidance-title">What USCIS asks for</h3>
          <ul>
            {USCIS_GUIDANCE.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      </div>

      <fieldset className="stack">
        <legend>Square</legend>
        <Slider name="zoom" label="Zoom" min={ZOOM_MIN} max={ZOOM_MAX} step={0.05} value={crop.zoom} unit="x" errors={view.fieldErrors.zoom} onChange={(zoom) => setCrop({ ...crop, zoom })} />
        <Slider name="centerX" label="Left-right position" min={0} max={100} step={0.5} value={crop.centerX} unit="%" errors={view.fieldErrors.centerX} onChange={(centerX) => setCrop({ ...crop, centerX })} />
        <Slider name="centerY" label="Up-down position" min={0} max={100} step={0.5} value={crop.centerY} unit="%" errors={view.fieldErrors.centerY} onChange={(centerY) => setCrop({ ...crop, centerY })} />
      </fieldset>

      <section aria-labelledby="checks-title" aria-live="polite">
        <h3 id="checks-title">Checks{upToDate ? "" : " (for the last preview)"}</h3>
        {view.checks.length === 0 ? (
          <p className="notice notice-success">No problems found. Still compare the photo with the list above before you save it.</p>
        ) : (
          <ul className="notice notice-error id-photo-checks">
            {view.checks.map((check) => (
              <li key={check.code} data-check={check.code}>
                {check.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="id-photo-actions">
        <button type="submit" name="intent" value="preview" className="button button-secondary" disabled={busy}>
          Update preview
        </button>
        <button type="submit" name="intent" value="save" className="button" disabled={busy}>
          {view.checks.length ? "Save this photo anyway" : "Save this photo to the case"}
        </button>
      </div>
    </Form>
  );
}

function Slider(props: { name: keyof typeof ZPhotoCrop.shape; label: string; min: number; max: number; step: number; value: number; unit: string; errors?: string[]; onChange: (value: number) => void }) {
  const id = `photo-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}: <output htmlFor={id}>{`${props.value}${props.unit}`}</output>
      </label>
      <input
        id={id}
        type="range"
        name={props.name}
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onChange={(event) => props.onChange(Number(event.currentTarget.value))}
        aria-invalid={props.errors?.length ? true : undefined}
      />
      {props.errors?.length ? (
        <ul className="field-errors" role="alert">
          {props.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
